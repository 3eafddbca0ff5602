package io.waihu.telephony;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A finished recording: stereo WAV, 8 kHz, 16-bit PCM, agent left and customer right.
 *
 * @param file      where it was written
 * @param sizeBytes file size including the WAV header
 * @param duration  audio duration
 * @param sha256    hex SHA-256 of the whole file
 */
public record RecordingInfo(Path file, long sizeBytes, Duration duration, String sha256) {}
