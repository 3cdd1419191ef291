package dev.tintype.cli;

/** Entry point of the tintype command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(0);
  }
}
