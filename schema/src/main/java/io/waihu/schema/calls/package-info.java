/** Calls: one Call aggregate per attempt, from placement to its end and recording. */
package io.waihu.schema.calls;
