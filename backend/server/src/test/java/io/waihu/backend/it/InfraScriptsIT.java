package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.backend.it.support.FreshClone;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every script under {@code infra/} works on a fresh clone: run with {@code --dry-run}, each
 * builds what it needs (falling back from offline to online Maven, never hiding a failure),
 * resolves its classpath, checks its programs compile and its tools exist, and exits 0 without
 * starting any load. A script added later without {@code --dry-run} fails this test.
 */
class InfraScriptsIT {

    @Test
    void everyInfraScriptFindsItsClasspathOnAFreshClone() throws Exception {
        FreshClone clone = FreshClone.shared();
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(clone.dir().resolve("infra"))) {
            scripts = files.filter(path -> path.toString().endsWith(".sh"))
                    .filter(path -> !path.getParent().getFileName().toString().equals("lib"))
                    .sorted().toList();
        }
        assertThat(scripts).as("scripts under infra/").hasSizeGreaterThanOrEqualTo(7);
        for (Path script : scripts) {
            String name = clone.dir().relativize(script).toString();
            Process process = new ProcessBuilder("bash", name, "--dry-run").directory(clone.dir().toFile())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(15, TimeUnit.MINUTES)).as(name + " finished").isTrue();
            assertThat(process.exitValue()).as("%s --dry-run exit code; output:%n%s", name, output).isZero();
            assertThat(output).as(name).contains("dry run:");
        }
    }
}
