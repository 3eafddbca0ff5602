package io.waihu.backend.calls;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The id of this server node, stable across restarts: every call placed here carries it, and
 * after a crash the node ends the calls that carry its id — it cannot know which calls another
 * live node on the same database is carrying. {@code waihu.node.id} sets it; otherwise it is
 * made once and kept in the file {@code node-id} of the data directory, beside the recordings
 * the node writes. Two nodes must never share an id: a data directory copied to a second node
 * needs its {@code node-id} file removed (or an id configured) there.
 */
@Singleton
public class NodeId {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String value;

    public NodeId(@ConfigProperty(name = "waihu.node.id") Optional<String> configured,
            @ConfigProperty(name = "waihu.data-dir", defaultValue = "data") Path dataDir) {
        this.value = configured.map(String::trim).orElseGet(() -> kept(dataDir.resolve("node-id")));
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("waihu.node.id must be 1-64 letters, digits, '.', '_' or '-': " + value);
        }
    }

    public String value() {
        return value;
    }

    private static String kept(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            String made = UUID.randomUUID().toString();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(partial, made + "\n", StandardCharsets.US_ASCII);
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the node id in " + file, e);
        }
    }
}
