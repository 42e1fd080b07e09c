package dev.opstream.replay.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.serde.Json;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/** Writes chains as a table for people or as JSON lines (one chain per line) for tools. */
public abstract class ChainPrinter implements Consumer<Chain> {

  /** The output formats. */
  public enum Format {
    TABLE,
    JSON
  }

  protected final PrintWriter out;

  protected ChainPrinter(PrintWriter out) {
    this.out = out;
  }

  public static ChainPrinter of(Format format, PrintWriter out) {
    return format == Format.JSON ? new JsonLines(out) : new Table(out);
  }

  /** Called once all chains are written. */
  public void finish() {
    out.flush();
  }

  /** One JSON object per chain and line: {@code {"app":..,"cause":{..},"hops":[..]}}. */
  static final class JsonLines extends ChainPrinter {
    private final JsonMapper json = Json.newMapper();

    JsonLines(PrintWriter out) {
      super(out);
    }

    @Override
    public void accept(Chain chain) {
      try {
        out.println(json.writeValueAsString(chain));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** An app heading, then one line per cause and step, with the time and the hop's latency. */
  static final class Table extends ChainPrinter {
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private AppKey current;

    Table(PrintWriter out) {
      super(out);
    }

    @Override
    public void accept(Chain chain) {
      if (!chain.app().equals(current)) {
        if (current != null) {
          out.println();
        }
        out.println(chain.app());
        current = chain.app();
      }
      Cause cause = chain.cause();
      out.printf(
          "  %s %8s  %-9s %s [%s]%n",
          TIME.format(cause.at()),
          "",
          cause.type().name().toLowerCase(java.util.Locale.ROOT),
          cause.detail(),
          shortId(cause.eventId()));
      for (Hop hop : chain.hops()) {
        out.printf(
            "  %s %8s  %-9s %s%s%n",
            TIME.format(hop.at()),
            hop.latencyMillis() < 0 ? "?" : "+" + hop.latencyMillis() + "ms",
            "  " + hop.type().name().toLowerCase(java.util.Locale.ROOT),
            hop.what(),
            hop.detail() == null || hop.detail().isEmpty() ? "" : ": " + hop.detail());
      }
    }

    private static String shortId(String id) {
      return id == null || id.length() <= 8 ? String.valueOf(id) : id.substring(0, 8);
    }
  }
}
