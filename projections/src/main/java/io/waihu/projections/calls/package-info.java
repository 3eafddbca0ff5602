/** Call records: one row per call attempt, for lists, reports and recordings. */
package io.waihu.projections.calls;
