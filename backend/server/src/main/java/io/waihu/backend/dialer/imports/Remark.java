package io.waihu.backend.dialer.imports;

/** One finding about a row: why it was rejected, or which of its numbers was dropped and why. */
public record Remark(Reason reason, String message) {
}
