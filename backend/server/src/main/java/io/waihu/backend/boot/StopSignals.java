package io.waihu.backend.boot;

import io.quarkus.runtime.Quarkus;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Ctrl-C (SIGINT) and a service manager's stop (SIGTERM) are the normal way to end the server,
 * not a failure: both stop the application in order and the process exits 0. Left to the JVM, a
 * signal runs the shutdown hooks and exits 130 or 143, which a terminal, a service manager or a
 * script reads as a crash (Quarkus installs its own handlers only in native images).
 *
 * <p>The JDK's only signal API is {@code sun.misc.Signal} (module {@code jdk.unsupported},
 * exported and supported for exactly this); it is reached by reflection because javac warns
 * about every compile-time use of it and the build is warning-clean. A second signal while
 * stopping is left to the stop already under way. Where the API is missing, the JVM's default
 * stays in force (exit 130/143 after the same orderly stop).
 */
final class StopSignals {

    private static final Logger LOG = Logger.getLogger(StopSignals.class);

    private StopSignals() {
    }

    /** From now on INT and TERM stop the application with exit code 0. */
    static void exitQuietly() {
        AtomicBoolean stopping = new AtomicBoolean();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Method name = signalClass.getMethod("getName");
            Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            if (stopping.compareAndSet(false, true)) {
                                LOG.infof("SIG%s received: stopping", name.invoke(args[0]));
                                Quarkus.asyncExit(0);
                            }
                            return null;
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "StopSignals";
                        };
                    });
            for (String signal : new String[] {"INT", "TERM"}) {
                handle.invoke(null, signalClass.getConstructor(String.class).newInstance(signal), handler);
            }
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException | InstantiationException
                | InvocationTargetException e) {
            LOG.debugf(e, "no signal API: INT and TERM keep the JVM's default (exit 130/143 after an orderly stop)");
        }
    }
}
