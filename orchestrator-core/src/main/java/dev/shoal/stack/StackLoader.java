package dev.shoal.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.stack.model.StackConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Loads stack files exactly as {@code docker stack deploy} / {@code docker stack config} read them
 * (docker/cli {@code loader.Load}): for each file, YAML with Docker's semantics ({@link DockerYaml}),
 * its version (every file must have the same), the forbidden keys, interpolation
 * ({@link Interpolator}), validation against that version's schema ({@link SchemaValidator}) and
 * normalisation ({@link Normaliser}); then the files are merged in order ({@link Merger}) and bound
 * to the {@link StackConfig} model. Relative paths resolve against the first file's directory, as in
 * Docker. A file named {@code -} is read from standard input, as Docker reads it (relative paths then
 * resolve against the working directory, and error messages call it {@value #STDIN_NAME}). Any failure is a {@link StackFileException} naming the file, the key path and Docker's
 * reason; nothing is returned from a set of files of which one fails.
 */
public final class StackLoader {
    /** The name errors give the file read from standard input ({@code -c -}). */
    public static final String STDIN_NAME = "stdin";

    /** Docker's default version, used when a file has none or says just "3". */
    public static final String DEFAULT_VERSION = "3.13";

    /** Service keys stack deploy accepts but ignores (docker/cli {@code UnsupportedProperties}). */
    public static final List<String> UNSUPPORTED = List.of("build", "cgroupns_mode", "cgroup_parent", "devices", "domainname",
            "external_links", "ipc", "links", "mac_address", "network_mode", "pid", "privileged", "restart", "security_opt",
            "shm_size", "userns_mode");

    /** Deprecated service keys and Docker's explanation of each. */
    public static final Map<String, String> DEPRECATED = Map.of(
            "container_name", "Setting the container name is not supported.",
            "expose", "Exposing ports is unnecessary - services on the same network can access each other's containers on any port.");

    /** Service keys that make loading fail, with Docker's explanation of each. */
    public static final Map<String, String> FORBIDDEN = Map.of(
            "extends", "Support for `extends` is not implemented yet.",
            "volume_driver", "Instead of setting the volume driver on the service, define a volume using the top-level `volumes` option and specify the driver there.",
            "volumes_from", "To share a volume between services, define it using the top-level `volumes` option and reference it from each service that shares it using the service-level `volumes` option.",
            "cpu_quota", "Set resource limits using deploy.resources",
            "cpu_shares", "Set resource limits using deploy.resources",
            "cpuset", "Set resource limits using deploy.resources",
            "mem_limit", "Set resource limits using deploy.resources",
            "memswap_limit", "Set resource limits using deploy.resources");

    private final Map<String, String> env;
    private final SchemaValidator validator;
    private final ObjectMapper mapper = StackYaml.mapper();

    /**
     * A loader for the given environment.
     *
     * @param env the variables for interpolation, null environment values, env_file lookups and {@code ~} (HOME)
     */
    public StackLoader(Map<String, String> env) {
        this(env, new SchemaValidator());
    }

    /** A loader sharing an already loaded validator. */
    public StackLoader(Map<String, String> env, SchemaValidator validator) {
        this.env = Map.copyOf(env);
        this.validator = Objects.requireNonNull(validator);
    }

    /**
     * Loads and merges the files in order.
     *
     * @param files the files as given ({@code -c}); at least one
     * @return the merged stack and the warnings Docker would print
     * @throws StackFileException when a file cannot be read, parsed, validated or normalised
     */
    public LoadedStack load(List<Path> files) {
        return load(files, true);
    }

    /**
     * Loads and merges the files in order, optionally without interpolation (docker's
     * {@code --skip-interpolation}: {@code $VAR} stays as written, so typed keys must hold literal values).
     *
     * @param files       the files as given ({@code -c}); at least one
     * @param interpolate whether to substitute variables
     * @return the merged stack and the warnings Docker would print
     * @throws StackFileException when a file cannot be read, parsed, validated or normalised
     */
    public LoadedStack load(List<Path> files, boolean interpolate) {
        return load(files, interpolate, InputStream.nullInputStream());
    }

    /**
     * As {@link #load(List, boolean)}, reading a file named {@code -} from {@code stdin} (all of it, once:
     * a second {@code -} reads nothing, as in Docker).
     */
    public LoadedStack load(List<Path> files, boolean interpolate, InputStream stdin) {
        Objects.requireNonNull(stdin, "stdin");
        if (files.isEmpty()) throw new StackFileException("", "", "specify a Compose file (with --compose-file)");
        Path workDir = files.get(0).toAbsolutePath().normalize().getParent();
        List<String> warnings = new ArrayList<>();
        List<Map<String, Object>> normalised = new ArrayList<>();
        TreeSet<String> unsupported = new TreeSet<>();
        Map<String, String> deprecated = new TreeMap<>();
        String stackVersion = null;
        for (Path f : files) {
            String name = nameOf(f);
            Map<String, Object> dict = parse(f, stdin);
            String version = version(dict);
            if (stackVersion == null) stackVersion = version;
            if (!stackVersion.equals(version)) {
                throw new StackFileException(name, "version", "version mismatched between two composefiles : " + stackVersion + " and " + version);
            }
            Map<String, Object> services = dict.get("services") instanceof Map ? Normaliser.asMap(dict.get("services")) : Map.of();
            checkForbidden(name, services);
            for (Map.Entry<String, Object> s : services.entrySet()) {
                if (!(s.getValue() instanceof Map)) continue;
                Map<String, Object> svc = Normaliser.asMap(s.getValue());
                for (String k : UNSUPPORTED) if (svc.containsKey(k)) unsupported.add(k);
                DEPRECATED.forEach((k, why) -> {
                    if (svc.containsKey(k)) deprecated.put(k, why);
                });
            }
            Map<String, Object> interpolated;
            try {
                interpolated = interpolate ? new Interpolator(env).interpolate(dict) : dict;
            } catch (Interpolator.InterpolationException e) {
                throw new StackFileException(name, e.path(), e.getMessage());
            }
            try {
                validator.validate(interpolated, version);
            } catch (SchemaValidator.SchemaException e) {
                throw new StackFileException(name, e.path().isEmpty() && e.getMessage().startsWith("unsupported") ? "version" : e.path(), e.getMessage());
            }
            normalised.add(new Normaliser(name, workDir, env, version, warnings::add).normalise(interpolated));
        }
        Map<String, Object> merged = Merger.merge(normalised);
        StackConfig config;
        try {
            config = mapper.convertValue(merged, StackConfig.class);
        } catch (IllegalArgumentException e) {
            throw new StackFileException(files.size() == 1 ? nameOf(files.get(0)) : "", "", e.getMessage());
        }
        return new LoadedStack(config, warnings, new ArrayList<>(unsupported), deprecated);
    }

    private static boolean isStdin(Path f) {
        return f.toString().equals("-");
    }

    private static String nameOf(Path f) {
        return isStdin(f) ? STDIN_NAME : f.toString();
    }

    private static Map<String, Object> parse(Path f, InputStream stdin) {
        String name = nameOf(f);
        String text;
        try {
            text = isStdin(f) ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(f, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new StackFileException(name, "", "open " + name + ": no such file or directory");
        } catch (IOException e) {
            throw new StackFileException(name, "", "open " + name + ": " + e.getMessage());
        }
        Object parsed;
        try {
            parsed = DockerYaml.parse(text);
        } catch (IllegalArgumentException e) {
            throw new StackFileException(name, "", e.getMessage());
        }
        if (!(parsed instanceof Map)) throw new StackFileException(name, "", "top-level object must be a mapping");
        return new LinkedHashMap<>(Normaliser.asMap(parsed));
    }

    /** docker/cli {@code schema.Version}: a missing version, "" or "3" mean {@value #DEFAULT_VERSION}; any other value as Go prints it. */
    static String version(Map<String, Object> dict) {
        if (!dict.containsKey("version")) return DEFAULT_VERSION;
        Object v = dict.get("version");
        String s = v == null ? "<nil>" : GoFormat.sprint(v);
        return s.isEmpty() || s.equals("3") ? DEFAULT_VERSION : s;
    }

    private static void checkForbidden(String file, Map<String, Object> services) {
        Map<String, String> found = new TreeMap<>();
        String firstPath = "services";
        for (Map.Entry<String, Object> svc : services.entrySet()) {
            if (!(svc.getValue() instanceof Map)) continue;
            for (String k : Normaliser.asMap(svc.getValue()).keySet()) {
                if (!FORBIDDEN.containsKey(k)) continue;
                if (found.isEmpty()) firstPath = "services." + svc.getKey() + "." + k;
                found.put(k, FORBIDDEN.get(k));
            }
        }
        if (found.isEmpty()) return;
        List<String> msgs = new ArrayList<>();
        found.forEach((k, why) -> msgs.add(k + ": " + why));
        throw new StackFileException(file, firstPath, "compose file contains unsupported options:\n\n" + String.join("\n\n", msgs) + "\n");
    }
}
