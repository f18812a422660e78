package ceiling;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;

/** The least a JAX-RS resource can do for a chat request, as the gateway's unified routes are served. */
@Path("chat")
public class EmptyResource {
    @ApplicationPath("/jaxrs")
    public static class App extends Application {
    }

    @POST
    @Produces("application/json")
    public byte[] chat(byte[] body) {
        return Empty.ANSWER;
    }
}
