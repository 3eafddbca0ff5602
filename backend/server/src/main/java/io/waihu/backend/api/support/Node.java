package io.waihu.backend.api.support;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Interface;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Relay's global object identification: every object with an id implements it, and
 * {@code node(id:)} finds any of them by id alone. The id is the object's UUID as it is — the
 * aggregate identifier in the event store, the key of its read models, recordings, audit exports
 * and analytics rows — so that analysts and auditors join on one value (see
 * docs/graphql-contract.md).
 *
 * <p>A getter, not a record-style {@code id()}: SmallRye reads an interface's fields from its
 * getters only. The records implementing it answer it from their {@code id} component.
 */
@Interface("Node")
@Description("An object with a globally unique id: its UUID, the same value in every store and export.")
public interface Node {

    @NonNull
    @Id
    @Description("The object's globally unique id (a UUID).")
    String getId();
}
