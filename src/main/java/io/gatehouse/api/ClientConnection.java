package io.gatehouse.api;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The client's TCP connection under a servlet request, for the two things the servlet API cannot say:
 * cut it after a response was committed (so a body the upstream broke off reaches the client broken, a
 * short read with no terminating chunk, rather than complete), and hear when the client of an asynchronous
 * call hangs up (Payara then drops the call's writes silently and tells no servlet listener).
 * Payara's request (Catalina on Grizzly) is reached through its public methods, by name, since the WAR
 * compiles against the servlet API only.
 */
public final class ClientConnection {
    private static final Logger LOG = Logger.getLogger(ClientConnection.class.getName());
    private static final String GRIZZLY_CLOSE_LISTENER = "org.glassfish.grizzly.CloseListener";
    private static final Map<String, Method> METHODS = new ConcurrentHashMap<>();
    /** Grizzly's close-listener interface, as the connection's class loader sees it (looked up once, not per call). */
    private static final ClassValue<Class<?>> CLOSE_LISTENER_TYPE = new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> connectionType) {
            try {
                return Class.forName(GRIZZLY_CLOSE_LISTENER, false, connectionType.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("not a Grizzly connection: " + connectionType.getName(), e);
            }
        }
    };
    private static volatile boolean warnedWatch;

    /** Stops watching a connection; never throws. */
    @FunctionalInterface
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    private ClientConnection() {
    }

    /** Closes the connection {@code request} came on; false when this container offers no way to. */
    public static boolean cut(ServletRequest request) {
        try {
            call(connection(request), "closeSilently");
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot cut the client connection in this container: {0}", e.toString());
            return false;
        }
    }

    /**
     * Runs {@code onHangUp} (on a container thread) if the client's connection closes before the returned
     * watch is closed; at once if it is closed already. The container notices a hang-up when it next writes
     * to the connection (a stream's next event); while a call writes nothing (a slow model still thinking)
     * it does not read the connection, so that hang-up is seen only when the answer comes. In a container
     * that offers no way to listen, nothing is watched.
     */
    public static Watch onHangUp(ServletRequest request, Runnable onHangUp) {
        try {
            Object connection = connection(request);
            Class<?> listenerType = CLOSE_LISTENER_TYPE.get(connection.getClass());
            Object listener = Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "onClosed" -> {
                            onHangUp.run();
                            yield null;
                        }
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "ClientConnection.onHangUp";
                    });
            method(connection, "addCloseListener", listenerType).invoke(connection, listener);
            if (!(Boolean) call(connection, "isOpen")) {
                onHangUp.run();
            }
            Method remove = method(connection, "removeCloseListener", listenerType);
            return () -> {
                try {
                    remove.invoke(connection, listener);
                } catch (ReflectiveOperationException | RuntimeException ignored) {
                    // the connection is gone with its listeners
                }
            };
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            if (!warnedWatch) {
                warnedWatch = true;
                LOG.log(Level.WARNING, "cannot watch client connections in this container ({0}): a call whose client "
                        + "left ends at its next write", e.toString());
            }
            return () -> { };
        }
    }

    private static Object connection(ServletRequest request) throws ReflectiveOperationException {
        ServletRequest r = request;
        while (r instanceof ServletRequestWrapper wrapper) {
            r = wrapper.getRequest();
        }
        Object catalinaRequest = call(r, "getUnwrappedCoyoteRequest");
        Object grizzlyRequest = call(catalinaRequest, "getCoyoteRequest");
        return call(grizzlyRequest, "getConnection");
    }

    private static Object call(Object target, String name) throws ReflectiveOperationException {
        return method(target, name).invoke(target);
    }

    /** A public method, found through a public type that declares it (the runtime classes are not all public). */
    private static Method method(Object target, String name, Class<?>... parameters) throws NoSuchMethodException {
        String key = target.getClass().getName() + "#" + name;
        Method cached = METHODS.get(key);
        if (cached != null) {
            return cached;
        }
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            for (Class<?> candidate : withInterfaces(type)) {
                if (Modifier.isPublic(candidate.getModifiers())) {
                    try {
                        Method method = candidate.getMethod(name, parameters);
                        METHODS.put(key, method);
                        return method;
                    } catch (NoSuchMethodException ignored) {
                        // try the next type
                    }
                }
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name);
    }

    private static Class<?>[] withInterfaces(Class<?> type) {
        Class<?>[] interfaces = type.getInterfaces();
        Class<?>[] all = new Class<?>[interfaces.length + 1];
        all[0] = type;
        System.arraycopy(interfaces, 0, all, 1, interfaces.length);
        return all;
    }
}
