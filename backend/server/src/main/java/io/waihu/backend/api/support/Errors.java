package io.waihu.backend.api.support;

import io.waihu.backend.calls.DialRefused;
import io.waihu.backend.domain.RuleViolation;
import io.waihu.schema.common.InvalidValue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.jboss.logging.Logger;

/** Turns what the write side throws into the API's coded errors. */
public final class Errors {

    private static final Logger LOG = Logger.getLogger(Errors.class);

    private Errors() {
    }

    public static Throwable map(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ApiErrorCarrier carrier) {
            return carrier.error();
        }
        if (t instanceof ApiError) {
            return t;
        }
        if (t instanceof DialRefused refused) {
            return refused.reason() == DialRefused.Reason.BLACKLISTED ? new ApiError.Blacklisted(refused.getMessage())
                    : new ApiError.Unavailable(refused.getMessage());
        }
        if (t instanceof RuleViolation rule) {
            return switch (rule.kind()) {
                case VALIDATION -> new ApiError.Validation(rule.field(), rule.getMessage());
                case CONFLICT -> new ApiError.Conflict(rule.getMessage());
                case GONE -> new ApiError.NotFound(rule.getMessage());
            };
        }
        if (t instanceof ConflictingAggregateVersionException stale) {
            return new ApiError.Conflict("stale expectedVersion: it is now " + stale.getActualVersion()
                    + ", you sent " + stale.getExpectedVersion());
        }
        if (t instanceof AggregateNotFoundException) {
            return new ApiError.NotFound("not found");
        }
        if (t instanceof AggregateStreamCreationException) {
            // a create command for an id whose stream exists: ids derived from a name (a user's
            // from the username) make this the "name taken" case
            return new ApiError.Conflict("already exists");
        }
        if (t instanceof ConcurrencyException) {
            return new ApiError.Conflict("changed concurrently or already exists; reload and retry");
        }
        if (t instanceof EventStoreException && t.getMessage() != null && t.getMessage().contains("not found")) {
            return new ApiError.NotFound(t.getMessage());
        }
        if (t instanceof InvalidValue invalid) {
            return new ApiError.Validation(invalid.field(), invalid.getMessage());
        }
        if (t instanceof IllegalArgumentException) {
            return new ApiError.Validation(null, t.getMessage());
        }
        LOG.error("unexpected failure behind an API call", t);
        return t;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || current instanceof CommandExecutionException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
