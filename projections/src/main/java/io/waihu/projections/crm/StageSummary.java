package io.waihu.projections.crm;

import java.math.BigDecimal;

/** How many opportunities sit in a stage, and their amount, per currency. */
public record StageSummary(String stage, String currency, long count, BigDecimal amount) {
}
