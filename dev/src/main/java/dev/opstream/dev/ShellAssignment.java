package dev.opstream.dev;

import java.util.regex.Pattern;

/** Formats {@code NAME=value} lines that a POSIX shell reads back exactly ({@code . file}). */
public final class ShellAssignment {

  private static final Pattern NEEDS_NO_QUOTES = Pattern.compile("[A-Za-z0-9_./:@%+,=-]*");
  private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ShellAssignment() {}

  public static String format(String name, String value) {
    if (!VALID_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a shell variable name: " + name);
    }
    return name + "=" + quote(value);
  }

  private static String quote(String value) {
    if (!value.isEmpty() && NEEDS_NO_QUOTES.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
