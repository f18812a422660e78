package io.gatehouse.api;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cuts the client's connection after a response was committed, so a body the upstream broke off reaches
 * the client broken (a short read, no terminating chunk) rather than complete. The servlet API cannot say
 * this, and Payara, left alone, ends a chunked body cleanly and keeps the connection. Payara's request
 * (Catalina on Grizzly) is reached through its public methods, by name, since the WAR compiles against the
 * servlet API only.
 */
public final class ClientConnection {
    private static final Logger LOG = Logger.getLogger(ClientConnection.class.getName());

    private ClientConnection() {
    }

    /** Closes the connection {@code request} came on; false when this container offers no way to. */
    public static boolean cut(ServletRequest request) {
        ServletRequest r = request;
        while (r instanceof ServletRequestWrapper wrapper) {
            r = wrapper.getRequest();
        }
        try {
            Object catalinaRequest = call(r, "getUnwrappedCoyoteRequest");
            Object grizzlyRequest = call(catalinaRequest, "getCoyoteRequest");
            Object connection = call(grizzlyRequest, "getConnection");
            call(connection, "closeSilently");
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot cut the client connection in this container: {0}", e.toString());
            return false;
        }
    }

    /** Calls a public no-argument method, through a public type that declares it. */
    private static Object call(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            for (Class<?> candidate : withInterfaces(type)) {
                if (java.lang.reflect.Modifier.isPublic(candidate.getModifiers())) {
                    try {
                        Method method = candidate.getMethod(name);
                        return method.invoke(target);
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
