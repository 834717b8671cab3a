package dev.shoal.manager.controlapi;

import dev.shoal.model.Config;
import dev.shoal.model.ConfigSpec;
import dev.shoal.model.Ids;
import dev.shoal.model.Network;
import dev.shoal.model.NetworkSpec;
import dev.shoal.model.Secret;
import dev.shoal.model.SecretSpec;
import dev.shoal.model.Service;
import dev.shoal.model.StoreObject;
import dev.shoal.model.Version;
import dev.shoal.store.Proposal;
import dev.shoal.store.ReadTx;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreError;
import dev.shoal.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The control API's logic for the cluster's named resources — networks, secrets and configs — as
 * Docker's: create (names unique per kind, validated), list, inspect by id, name or unique id prefix,
 * and remove (refused while a service uses the object). A secret's value is never part of an answer.
 * Thread-safe: it holds no mutable state.
 */
public final class ClusterResources {
    /** Docker's limit on a secret's or config's size: 500 KiB. */
    public static final int MAX_DATA_BYTES = 500 * 1024;
    private static final Pattern NETWORK_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$");
    private static final Pattern OBJECT_NAME = Pattern.compile("^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$");

    private final Store store;
    private final Clock clock;
    private final Ids ids = new Ids();

    public ClusterResources(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    // ---- networks ----

    /** Creates a network; INVALID for a bad name or driver, CONFLICT when the name is taken. Returns its id. */
    public String createNetwork(NetworkSpec spec) {
        if (spec == null || spec.name() == null || spec.name().isEmpty()) throw ApiException.invalid("a network name must be provided");
        if (!NETWORK_NAME.matcher(spec.name()).matches()) {
            throw ApiException.invalid("invalid network name \"" + spec.name() + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        String driver = spec.driverName();
        if (!driver.equals("overlay") && !driver.equals("bridge")) {
            throw ApiException.invalid("network driver \"" + driver + "\" is not supported: use overlay (the default) or bridge");
        }
        Instant now = clock.instant();
        return create(new Network(ids.next(), Version.NONE, now, now, spec), spec.name());
    }

    public List<Network> listNetworks() { return sorted(store.view(ReadTx::networks), Network::name); }

    public Network getNetwork(String ref) { return store.view(tx -> Resolver.named(tx, "network", ref, tx::network, tx::networkByName, tx.networks())); }

    /** Removes a network no service is attached to. */
    public void removeNetwork(String ref) {
        Network n = getNetwork(ref);
        String user = store.view(tx -> firstServiceUsing(tx, s -> s.spec().taskTemplate().networks().stream()
                .anyMatch(a -> a.target().equals(n.id()) || a.target().equals(n.name()))));
        if (user != null) throw ApiException.precondition("network " + n.name() + " is in use by service " + user);
        delete(n);
    }

    // ---- secrets ----

    /** Creates a secret; INVALID for a bad name or value, CONFLICT when the name is taken. Returns its id. */
    public String createSecret(SecretSpec spec) {
        validateObject("secret", spec == null ? null : spec.name(), spec == null ? null : spec.data());
        Instant now = clock.instant();
        return create(new Secret(ids.next(), Version.NONE, now, now, spec), spec.name());
    }

    /** Every secret, without values. */
    public List<Secret> listSecrets() {
        List<Secret> out = new ArrayList<>();
        for (Secret s : sorted(store.view(ReadTx::secrets), Secret::name)) out.add(s.redacted());
        return out;
    }

    /** A secret, without its value. */
    public Secret getSecret(String ref) {
        return store.view(tx -> Resolver.named(tx, "secret", ref, tx::secret, tx::secretByName, tx.secrets())).redacted();
    }

    public void removeSecret(String ref) {
        Secret x = store.view(tx -> Resolver.named(tx, "secret", ref, tx::secret, tx::secretByName, tx.secrets()));
        String user = store.view(tx -> firstServiceUsing(tx, s -> s.spec().taskTemplate().containerSpec().secrets().stream()
                .anyMatch(r -> x.id().equals(r.secretId()))));
        if (user != null) throw ApiException.precondition("secret '" + x.name() + "' is in use by the following service: " + user);
        delete(x);
    }

    // ---- configs ----

    public String createConfig(ConfigSpec spec) {
        validateObject("config", spec == null ? null : spec.name(), spec == null ? null : spec.data());
        Instant now = clock.instant();
        return create(new Config(ids.next(), Version.NONE, now, now, spec), spec.name());
    }

    public List<Config> listConfigs() { return sorted(store.view(ReadTx::configs), Config::name); }

    public Config getConfig(String ref) { return store.view(tx -> Resolver.named(tx, "config", ref, tx::config, tx::configByName, tx.configs())); }

    public void removeConfig(String ref) {
        Config x = getConfig(ref);
        String user = store.view(tx -> firstServiceUsing(tx, s -> s.spec().taskTemplate().containerSpec().configs().stream()
                .anyMatch(r -> x.id().equals(r.configId()))));
        if (user != null) throw ApiException.precondition("config '" + x.name() + "' is in use by the following service: " + user);
        delete(x);
    }

    // ---- shared ----

    private static void validateObject(String kind, String name, byte[] data) {
        if (name == null || name.isEmpty()) throw ApiException.invalid("a " + kind + " name must be provided");
        if (name.length() > 64 || !OBJECT_NAME.matcher(name).matches()) {
            throw ApiException.invalid("invalid " + kind + " name \"" + name + "\": at most 64 characters, "
                    + "letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
        }
        if (data == null || data.length == 0) throw ApiException.invalid(kind + " data must be provided");
        if (data.length > MAX_DATA_BYTES) {
            throw ApiException.invalid(kind + " data too long: " + data.length + " bytes (the limit is " + MAX_DATA_BYTES + ")");
        }
    }

    private String create(StoreObject o, String name) {
        try {
            store.commit(Proposal.atomic(new StoreAction.Create(o)));
            return o.id();
        } catch (StoreException e) {
            if (e.code() == StoreError.Code.NAME_CONFLICT) {
                throw ApiException.conflict("name conflicts with an existing object: a " + o.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + " named " + name + " already exists");
            }
            throw ApiException.fromStore(e);
        }
    }

    private void delete(StoreObject o) {
        try {
            store.commit(Proposal.atomic(new StoreAction.Delete(o.kind(), o.id())));
        } catch (StoreException e) {
            throw ApiException.fromStore(e);
        }
    }

    private static String firstServiceUsing(ReadTx tx, java.util.function.Predicate<Service> uses) {
        for (Service s : tx.services()) if (uses.test(s)) return s.spec().name();
        return null;
    }

    private static <T> List<T> sorted(Collection<T> items, Function<T, String> name) {
        List<T> out = new ArrayList<>(items);
        out.sort(Comparator.comparing(name));
        return out;
    }
}
