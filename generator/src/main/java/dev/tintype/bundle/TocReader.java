package dev.tintype.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tintype.format.layout.Sha256;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;

/**
 * Reads {@code tintype-bundle.json} without holding its lists: {@link #head} gives its fields and
 * purges (the chunks and files left empty) and its sha256; a {@link Walk} streams the chunks with
 * their entries and, alongside, the files. A bundle of a large PyPI mirror lists hundreds of
 * thousands of each.
 */
final class TocReader {
  private TocReader() {}

  /** The table of contents' fields with empty chunk and file lists, and its sha256. */
  record Head(Toc toc, String sha256) {}

  static Head head(Path tocFile) throws IOException {
    String source = tocFile.toString();
    MessageDigest sha = Sha256.newDigest();
    ObjectNode o = TocJson.mapper().createObjectNode();
    try (InputStream in = new DigestInputStream(Files.newInputStream(tocFile), sha);
        JsonParser p = TocJson.mapper().getFactory().createParser(in)) {
      p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadBundleException(source + ": unreadable table of contents: not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        if ((key.equals("chunks") || key.equals("files")) && t == JsonToken.START_ARRAY) {
          p.skipChildren();
          o.putArray(key);
        } else {
          JsonNode value = p.readValueAsTree();
          o.set(key, value);
        }
      }
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw TocJson.unreadable(e, source);
    }
    return new Head(TocJson.fromTree(o, source), Sha256.of(sha.digest()).hex());
  }

  /** A chunk's fields, read before its entries. */
  record ChunkHead(String name, long size, String sha256) {}

  /**
   * The chunks and their entries in order, and the files in order, from two parsers on the file.
   */
  static final class Walk implements Closeable {
    private final String source;
    private final JsonParser chunks;
    private final JsonParser files;
    private boolean inChunk;
    private boolean chunksDone;
    private boolean filesDone;

    Walk(Path tocFile) throws IOException {
      this.source = tocFile.toString();
      this.chunks = at(tocFile, "chunks");
      JsonParser f;
      try {
        f = at(tocFile, "files");
      } catch (IOException e) {
        chunks.close();
        throw e;
      }
      this.files = f;
    }

    private JsonParser at(Path tocFile, String list) throws IOException {
      JsonParser p = TocJson.mapper().getFactory().createParser(Files.newInputStream(tocFile));
      try {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw bad("not a JSON object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonToken t = p.nextToken();
          if (key.equals(list)) {
            if (t != JsonToken.START_ARRAY) {
              throw bad("expected an array for " + list);
            }
            return p;
          }
          p.skipChildren();
        }
        throw bad("missing " + list);
      } catch (JsonProcessingException e) {
        p.close();
        throw bad(e.getOriginalMessage());
      } catch (IOException | RuntimeException e) {
        p.close();
        throw e;
      }
    }

    /** The next chunk, its entries to be read with {@link #nextEntry}; null after the last. */
    ChunkHead nextChunk() throws IOException {
      while (inChunk) {
        nextEntry();
      }
      if (chunksDone) {
        return null;
      }
      try {
        JsonToken t = chunks.nextToken();
        if (t == JsonToken.END_ARRAY) {
          chunksDone = true;
          return null;
        }
        if (t != JsonToken.START_OBJECT) {
          throw bad("expected a chunk, found " + t);
        }
        String name = null;
        Long size = null;
        String sha = null;
        while (chunks.nextToken() == JsonToken.FIELD_NAME) {
          String key = chunks.currentName();
          JsonToken v = chunks.nextToken();
          switch (key) {
            case "name" -> name = chunks.getValueAsString();
            case "size" -> size = v == JsonToken.VALUE_NUMBER_INT ? chunks.getLongValue() : null;
            case "sha256" -> sha = chunks.getValueAsString();
            case "entries" -> {
              if (v != JsonToken.START_ARRAY) {
                throw bad("expected an array of entries");
              }
              if (name == null || size == null || sha == null) {
                throw bad("a chunk's entries come before its name, size or sha256");
              }
              Toc.Chunk c = new Toc.Chunk(name, size, sha, List.of());
              inChunk = true;
              return new ChunkHead(c.name(), c.size(), c.sha256());
            }
            default -> throw bad("unknown key '" + key + "' in a chunk");
          }
        }
        throw bad("a chunk lacks its entries");
      } catch (JsonProcessingException e) {
        throw bad(e.getOriginalMessage());
      } catch (IllegalArgumentException e) {
        throw bad(e.getMessage());
      }
    }

    /** The next entry of the current chunk, or null after its last. */
    Toc.Entry nextEntry() throws IOException {
      if (!inChunk) {
        return null;
      }
      try {
        JsonToken t = chunks.nextToken();
        if (t == JsonToken.END_ARRAY) {
          inChunk = false;
          if (chunks.nextToken() != JsonToken.END_OBJECT) {
            throw bad("a chunk has keys after its entries");
          }
          return null;
        }
        if (t != JsonToken.START_OBJECT) {
          throw bad("expected an entry, found " + t);
        }
        String path = null;
        Long offset = null;
        Long length = null;
        while (chunks.nextToken() == JsonToken.FIELD_NAME) {
          String key = chunks.currentName();
          JsonToken v = chunks.nextToken();
          Long n = v == JsonToken.VALUE_NUMBER_INT ? chunks.getLongValue() : null;
          switch (key) {
            case "path" -> path = v == JsonToken.VALUE_STRING ? chunks.getText() : null;
            case "offset" -> offset = n;
            case "length" -> length = n;
            default -> throw bad("unknown key '" + key + "' in an entry");
          }
        }
        if (path == null || offset == null || length == null) {
          throw bad("an entry lacks its path, offset or length");
        }
        return new Toc.Entry(path, offset, length);
      } catch (JsonProcessingException e) {
        throw bad(e.getOriginalMessage());
      } catch (IllegalArgumentException e) {
        throw bad(e.getMessage());
      }
    }

    /** The next file, or null after the last. */
    Toc.BundleFile nextFile() throws IOException {
      if (filesDone) {
        return null;
      }
      try {
        JsonToken t = files.nextToken();
        if (t == JsonToken.END_ARRAY) {
          filesDone = true;
          return null;
        }
        if (t != JsonToken.START_OBJECT) {
          throw bad("expected a file, found " + t);
        }
        String path = null;
        Long size = null;
        String sha = null;
        while (files.nextToken() == JsonToken.FIELD_NAME) {
          String key = files.currentName();
          JsonToken v = files.nextToken();
          switch (key) {
            case "path" -> path = v == JsonToken.VALUE_STRING ? files.getText() : null;
            case "size" -> size = v == JsonToken.VALUE_NUMBER_INT ? files.getLongValue() : null;
            case "sha256" -> sha = v == JsonToken.VALUE_STRING ? files.getText() : null;
            default -> throw bad("unknown key '" + key + "' in a file");
          }
        }
        if (path == null || size == null || sha == null) {
          throw bad("a file lacks its path, size or sha256");
        }
        return new Toc.BundleFile(path, size, sha);
      } catch (JsonProcessingException e) {
        throw bad(e.getOriginalMessage());
      } catch (IllegalArgumentException e) {
        throw bad(e.getMessage());
      }
    }

    private BadBundleException bad(String why) {
      return new BadBundleException(source + ": invalid table of contents: " + why);
    }

    @Override
    public void close() throws IOException {
      try {
        chunks.close();
      } finally {
        files.close();
      }
    }
  }
}
