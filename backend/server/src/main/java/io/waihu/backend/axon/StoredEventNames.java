package io.waihu.backend.axon;

import io.waihu.schema.common.EventName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The names events are stored under, and the classes they are read back into. An event is
 * stored under its {@link EventName} ({@code crm.CustomerCreated}), never its Java class name,
 * so a record in {@code schema/} can be renamed or moved and every stored event still reads.
 *
 * <p>Events stored before the names existed carry their Java class name. Those names resolve
 * too: a class's current name (the class was not renamed since), or an entry in a
 * {@value #RENAMED} file (old class name = stable name) for a class that was. Every such file
 * on the class path counts; the schema's own lists the renames of its events. A type that has
 * no stable name (event metadata, anything else the serializer writes) keeps its class name.
 */
public final class StoredEventNames {

    /** Where renamed event classes are listed, one {@code old.java.ClassName = capability.Name} a line. */
    public static final String RENAMED = "META-INF/waihu/renamed-events.properties";

    private final Map<Class<?>, String> nameOfClass = new HashMap<>();
    private final Map<String, Class<?>> classOfName = new HashMap<>();
    private final Map<String, String> nameOfJavaName = new HashMap<>();

    /** @param renamed old Java class name → stable name, for event classes renamed since they were stored */
    public StoredEventNames(Collection<Class<?>> events, Map<String, String> renamed) {
        for (Class<?> event : events) {
            String name = event.getAnnotation(EventName.class).value();
            Class<?> clash = classOfName.put(name, event);
            if (clash != null && clash != event) {
                throw new IllegalStateException(clash.getName() + " and " + event.getName() + " share the name " + name);
            }
            nameOfClass.put(event, name);
            nameOfJavaName.put(event.getName(), name);
        }
        renamed.forEach((javaName, name) -> {
            if (!classOfName.containsKey(name)) {
                throw new IllegalStateException(RENAMED + " maps " + javaName + " to " + name + ", which no event has");
            }
            nameOfJavaName.put(javaName, name);
        });
    }

    /** The events of the schema module and every rename listed on the class path. */
    public static StoredEventNames ofSchema() {
        return new StoredEventNames(schemaEvents(), renamed(StoredEventNames.class.getClassLoader()));
    }

    /** The stable name {@code type} is stored under, or empty if it has none. */
    public Optional<String> nameOf(Class<?> type) {
        return Optional.ofNullable(nameOfClass.get(type));
    }

    /** The stable name of a stored type name that is an event's Java class name, current or former. */
    public Optional<String> nameOfJavaName(String storedName) {
        return Optional.ofNullable(nameOfJavaName.get(storedName));
    }

    /** The Java class a stored type name stands for: a stable name's class, or the name itself. */
    public String javaNameOf(String storedName) {
        Class<?> event = classOfName.get(storedName);
        if (event == null) {
            String name = nameOfJavaName.get(storedName);
            event = name == null ? null : classOfName.get(name);
        }
        return event == null ? storedName : event.getName();
    }

    static Map<String, String> renamed(ClassLoader loader) {
        Map<String, String> renamed = new HashMap<>();
        try {
            Enumeration<URL> files = loader.getResources(RENAMED);
            while (files.hasMoreElements()) {
                Properties entries = new Properties();
                try (InputStream in = files.nextElement().openStream()) {
                    entries.load(in);
                }
                entries.forEach((javaName, name) -> renamed.put(javaName.toString(), name.toString().strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RENAMED, e);
        }
        return renamed;
    }

    /**
     * Every class with an {@link EventName} in the module that holds the annotation, read from
     * its folder (tests, development) or its jar (the packaged application).
     */
    static List<Class<?>> schemaEvents() {
        String self = EventName.class.getName().replace('.', '/') + ".class";
        URL location = EventName.class.getClassLoader().getResource(self);
        if (location == null) {
            throw new IllegalStateException("cannot locate " + self);
        }
        List<String> classFiles = new ArrayList<>();
        try {
            String url = location.toString();
            if (url.startsWith("jar:")) {
                String jar = url.substring("jar:".length(), url.indexOf("!/"));
                try (JarFile file = new JarFile(Path.of(URI.create(jar)).toFile())) {
                    file.stream().forEach(entry -> classFiles.add(entry.getName()));
                }
            } else if (url.startsWith("file:")) {
                Path root = Path.of(location.toURI());
                for (int i = 0; i < self.split("/").length; i++) {
                    root = root.getParent();
                }
                Path base = root;
                try (Stream<Path> files = Files.walk(base)) {
                    files.forEach(path -> classFiles.add(base.relativize(path).toString().replace('\\', '/')));
                }
            } else {
                throw new IllegalStateException("cannot list the classes beside " + url);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the schema's classes", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list the classes beside " + location, e);
        }
        ClassLoader loader = EventName.class.getClassLoader();
        List<Class<?>> events = new ArrayList<>();
        for (String file : classFiles) {
            if (file.endsWith(".class") && !file.contains("$") && !file.contains("-info.")) {
                Class<?> type = load(file.substring(0, file.length() - ".class".length()).replace('/', '.'), loader);
                if (type.isAnnotationPresent(EventName.class)) {
                    events.add(type);
                }
            }
        }
        return events;
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + name, e);
        }
    }
}
