package dev.tintype.fetch;

import dev.tintype.format.layout.Sha256;
import java.nio.file.Path;

/** A verified download sitting in a scratch file. */
public record Downloaded(Path file, Sha256 sha256, String md5, long size) {}
