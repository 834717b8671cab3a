package dev.shoal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Answers {@code swarmctl --version} from the version Maven stamps into {@code swarmctl-version.properties}. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/swarmctl-version.properties")) {
            if (in != null) p.load(in);
        }
        return new String[] {"swarmctl version " + p.getProperty("version", "unknown")};
    }
}
