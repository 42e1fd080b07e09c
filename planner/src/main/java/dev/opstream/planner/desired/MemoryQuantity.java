package dev.opstream.planner.desired;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities for memory, read into whole bytes and written back canonically.
 *
 * <p>The grammar is Kubernetes': an optionally signed decimal number, then nothing (bytes), a
 * binary suffix ({@code Ki Mi Gi Ti Pi Ei}), a decimal suffix ({@code m k M G T P E}) or an
 * exponent ({@code e3}, {@code E-2}). Suffixes are case-sensitive, as in Kubernetes. Memory is
 * counted in whole bytes here: a quantity that is not a whole number of bytes (such as {@code
 * 256m}, which means 0.256 bytes) is rejected rather than rounded.
 */
final class MemoryQuantity {

  private static final Pattern QUANTITY =
      Pattern.compile(
          "([+-]?)([0-9]+\\.?[0-9]*|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");

  /** Longer text is no memory size anyone means, and exponents stay small enough to compute. */
  private static final int MAX_LENGTH = 40;

  private static final int MAX_EXPONENT = 30;
  private static final String[] BINARY = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final String[] DECIMAL = {"k", "M", "G", "T", "P", "E"};

  private MemoryQuantity() {}

  /** The number of bytes a quantity means; the text is already stripped of whitespace. */
  static Checked<Long> bytes(String text) {
    if (text.isEmpty()) {
      return Checked.bad("is empty");
    }
    if (text.length() > MAX_LENGTH) {
      return Checked.bad("is too long to be a memory size");
    }
    Matcher m = QUANTITY.matcher(text);
    if (!m.matches()) {
      return Checked.bad("is not a Kubernetes quantity" + hint(text));
    }
    if (m.group(1).equals("-")) {
      return Checked.bad("is negative");
    }
    BigDecimal bytes = new BigDecimal(m.group(2));
    String suffix = m.group(3) == null ? "" : m.group(3);
    if (suffix.matches("[eE][+-]?[0-9]+")) {
      String exponent = suffix.substring(1);
      int digits = exponent.replaceFirst("^[+-]", "").replaceFirst("^0+", "").length();
      if (digits > 2 || Math.abs(Integer.parseInt(exponent)) > MAX_EXPONENT) {
        return Checked.bad("has an exponent out of range");
      }
      bytes = bytes.scaleByPowerOfTen(Integer.parseInt(exponent));
    } else if (suffix.equals("m")) {
      bytes = bytes.movePointLeft(3);
    } else if (!suffix.isEmpty()) {
      bytes = bytes.multiply(new BigDecimal(multiplier(suffix)));
    }
    bytes = bytes.stripTrailingZeros();
    if (bytes.scale() > 0) {
      return Checked.bad(
          "is not a whole number of bytes"
              + (suffix.equals("m")
                  ? " (m means thousandths: write Mi or M for mebi- or mega-)"
                  : ""));
    }
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return Checked.bad("is far too large");
    }
    return Checked.ok(bytes.longValueExact());
  }

  /** The shortest exact quantity for these bytes, binary suffixes winning ties: 256Mi, 500M. */
  static String format(long bytes) {
    String best = Long.toString(bytes);
    if (bytes == 0) {
      return best;
    }
    for (int power = BINARY.length; power >= 1; power--) {
      best = shorter(best, bytes, BigInteger.valueOf(1024).pow(power), BINARY[power - 1]);
    }
    for (int power = DECIMAL.length; power >= 1; power--) {
      best = shorter(best, bytes, BigInteger.valueOf(1000).pow(power), DECIMAL[power - 1]);
    }
    return best;
  }

  private static String shorter(String best, long bytes, BigInteger unit, String suffix) {
    BigInteger[] qr = BigInteger.valueOf(bytes).divideAndRemainder(unit);
    if (qr[1].signum() != 0) {
      return best;
    }
    String candidate = qr[0] + suffix;
    return candidate.length() < best.length() ? candidate : best;
  }

  private static BigInteger multiplier(String suffix) {
    for (int i = 0; i < BINARY.length; i++) {
      if (BINARY[i].equals(suffix)) {
        return BigInteger.valueOf(1024).pow(i + 1);
      }
      if (DECIMAL[i].equals(suffix)) {
        return BigInteger.valueOf(1000).pow(i + 1);
      }
    }
    throw new IllegalArgumentException("not a suffix: " + suffix); // the pattern rules this out
  }

  private static String hint(String text) {
    if (text.matches("[0-9.]+\\s*[KMGTPEkmgtpe]i?[Bb]")) {
      return " (Kubernetes quantities have no B: write, for example, 256Mi or 1Gi)";
    }
    if (text.matches("[0-9.]+\\s*([kmgtpe]i|[KMGTPE]I)")) {
      return " (suffixes are case-sensitive: Ki, Mi, Gi, Ti, Pi, Ei)";
    }
    if (text.matches("[0-9.]+\\s+\\S+")) {
      return " (no space between number and suffix)";
    }
    return "";
  }
}
