package io.waihu.schema.dialer.contacts;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes an import's reject report (its retention ended, or an erasure reached it). */
public record DeleteContactImportReportCommand(@TargetAggregateIdentifier String importId, String reason) {
}
