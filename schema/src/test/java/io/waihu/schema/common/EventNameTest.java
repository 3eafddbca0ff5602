package io.waihu.schema.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/** Every event in the schema has a stable, unique name of the documented format and a revision. */
class EventNameTest {

    @Test
    void everyEventHasAUniqueStableNameAndARevision() throws Exception {
        List<Class<?>> events = schemaEvents();
        assertThat(events).hasSizeGreaterThan(20);
        Map<String, Class<?>> byName = new HashMap<>();
        for (Class<?> event : events) {
            EventName name = event.getAnnotation(EventName.class);
            assertThat(name).as("@EventName on %s", event.getName()).isNotNull();
            assertThat(event.getAnnotation(Revision.class)).as("@Revision on %s", event.getName()).isNotNull();
            // the capability: the package's last segment (crm, agents) or, below a capability's own
            // folder, that folder (dialer.CampaignCreated in io.waihu.schema.dialer.campaigns)
            String below = event.getPackageName().substring("io.waihu.schema.".length());
            String capability = "(" + below.substring(below.lastIndexOf('.') + 1) + "|" + below.split("\\.")[0] + ")";
            assertThat(name.value()).as("name of %s", event.getName())
                    .matches(capability + "\\.[A-Z][A-Za-z]+")
                    .doesNotEndWith("Event");
            Class<?> clash = byName.put(name.value(), event);
            assertThat(clash).as("%s and %s share a name", clash, event).isNull();
        }
    }

    private static List<Class<?>> schemaEvents() throws IOException, URISyntaxException {
        Path classes = Path.of(EventName.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(p -> classes.relativize(p).toString())
                    .filter(p -> p.endsWith("Event.class") && !p.contains("$"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .map(EventNameTest::load)
                    .filter(type -> !type.isInterface()) // what several events share (AgentStateEvent), not an event
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
