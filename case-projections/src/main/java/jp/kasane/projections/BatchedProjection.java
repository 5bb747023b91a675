package jp.kasane.projections;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read model whose writes go out once per batch of events, and after a failure event by event, each in a savepoint
 * of its own ({@link ProjectionWrites}, {@link Savepoint}). The one place the interceptor doing that is declared:
 * Axon finds it on each projection's class through this superclass.
 */
public abstract class BatchedProjection {

    protected final JdbcTemplate jdbc;
    protected final ProjectionWrites writes;

    protected BatchedProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new ProjectionWrites(jdbc);
    }

    /** Proceeds with the event's handlers, in a savepoint after a recent failure. */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    public Object inSavepoint(InterceptorChain chain) throws Exception {
        return writes.around(chain);
    }
}
