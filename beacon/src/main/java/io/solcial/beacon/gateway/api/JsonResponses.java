package io.solcial.beacon.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.solcial.beacon.gateway.http.Handler;
import io.solcial.beacon.gateway.http.HttpError;
import io.solcial.beacon.gateway.http.Response;
import java.util.Map;

/** JSON bodies for the API, and a wrapper that answers its refusals as {@code {"error": "..."}} too. */
final class JsonResponses {
    private static final String TYPE = "application/json";
    private final ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    Response ok(Object body) throws JsonProcessingException {
        return json(200, body).header("cache-control", "no-cache").header("access-control-allow-origin", "*");
    }

    Response error(HttpError e) {
        try {
            return json(e.status(), Map.of("error", e.getMessage()));
        } catch (JsonProcessingException impossible) {
            return Response.text(e.status(), e.getMessage());
        }
    }

    /** {@code handler}, with its {@link HttpError}s as JSON. */
    Handler wrap(Handler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (HttpError e) {
                return error(e);
            }
        };
    }

    private Response json(int status, Object body) throws JsonProcessingException {
        return Response.bytes(status, TYPE, mapper.writeValueAsBytes(body));
    }
}
