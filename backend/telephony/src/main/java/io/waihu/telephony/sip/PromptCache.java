package io.waihu.telephony.sip;

import io.waihu.telephony.media.Prompt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prompt files as the dialer names them, read once and again only when the file changes (a dialer
 * places tens of calls a second with the same two prompts). The default abandon message is the one
 * shipped in the module ({@code prompts/abandon.wav}, see {@code docs/architecture.md}).
 */
final class PromptCache {

    static final String DEFAULT_ABANDON = "/io/waihu/telephony/prompts/abandon.wav";

    private record Entry(FileTime modified, long size, Prompt prompt) {}

    private final Map<Path, Entry> files = new ConcurrentHashMap<>();
    private volatile Prompt defaultAbandon;

    /** The prompt in {@code file}; {@code null} for the shipped abandon message. */
    Prompt abandon(Path file) throws IOException {
        if (file != null) {
            return get(file);
        }
        Prompt p = defaultAbandon;
        if (p == null) {
            p = Prompt.resource(DEFAULT_ABANDON);
            defaultAbandon = p;
        }
        return p;
    }

    Prompt get(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        Entry e = files.get(file);
        if (e == null || !e.modified().equals(modified) || e.size() != size) {
            e = new Entry(modified, size, Prompt.load(file));
            files.put(file, e);
        }
        return e.prompt();
    }
}
