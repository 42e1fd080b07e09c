package dev.opstream.planner.desired;

/** Helpers to show user-written values safely in one-line messages. */
final class Values {

  /** Longer values are cut in messages: Kubernetes Events and status lines should stay short. */
  static final int MAX_SHOWN = 80;

  private Values() {}

  /**
   * The value in double quotes, with quotes, backslashes and invisible characters escaped Java
   * style, cut after {@value #MAX_SHOWN} characters.
   */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 16).append('"');
    int shown = Math.min(value.length(), MAX_SHOWN);
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || isInvisible(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
    if (value.length() > shown) {
      out.append(" (cut, ").append(value.length() - shown).append(" more characters)");
    }
    return out.toString();
  }

  /** A name as it is when it is short and plain, else {@linkplain #quote quoted}. */
  static String name(String name) {
    return name.length() <= MAX_SHOWN && name.matches("[A-Za-z0-9._/-]+") ? name : quote(name);
  }

  private static boolean isInvisible(char c) {
    int type = Character.getType(c);
    return type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SPACE_SEPARATOR && c != ' '
        || type == Character.CONTROL
        || type == Character.UNASSIGNED;
  }
}
