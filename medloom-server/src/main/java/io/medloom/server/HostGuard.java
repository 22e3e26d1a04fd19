package io.medloom.server;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which {@code Host} names the viewer answers to. A page on another site can make its own name
 * resolve to 127.0.0.1 (DNS rebinding) and then read the viewer as if it were same-origin; the
 * browser still sends that page's name in {@code Host}, so answering only to this machine's own
 * names closes the hole. Accepted: {@code localhost}, {@code 127.0.0.1}, {@code [::1]}, the {@code
 * --bind} address as given, and for a wildcard bind ({@code 0.0.0.0}, {@code ::}) the literal
 * addresses of this machine's interfaces and its host name. Any numeric port may follow the name: a
 * tunnel ({@code ssh -L 9000:localhost:8080}) changes the port the browser sees, and a port is no
 * defence against rebinding anyway.
 */
final class HostGuard {
  private final Set<String> names;
  private final boolean loopbackOnly;

  private HostGuard(Set<String> names, boolean loopbackOnly) {
    this.names = Set.copyOf(names);
    this.loopbackOnly = loopbackOnly;
  }

  static HostGuard forBind(String bind) {
    Set<String> names = new HashSet<>(Set.of("localhost", "127.0.0.1", "[::1]"));
    String b = bind.strip().toLowerCase(Locale.ROOT);
    names.add(bracketed(b));
    InetAddress address;
    try {
      address = InetAddress.getByName(bind.strip());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--bind " + bind + " is not an address of this machine");
    }
    if (address.isAnyLocalAddress()) {
      try {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
          for (InetAddress a : Collections.list(ni.getInetAddresses())) {
            String literal = a.getHostAddress();
            int zone = literal.indexOf('%'); // fe80::1%eth0: browsers never send the zone
            names.add(bracketed((zone < 0 ? literal : literal.substring(0, zone))));
          }
        }
      } catch (SocketException e) {
        // Without the interface list only loopback names and the bind literal are served.
      }
      try {
        names.add(InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT));
      } catch (UnknownHostException e) {
        // no host name: addresses still work
      }
    }
    return new HostGuard(names, address.isLoopbackAddress());
  }

  /** True when only this machine can connect (a loopback bind): reads then need no token. */
  boolean loopbackOnly() {
    return loopbackOnly;
  }

  /** The name part of a well-formed Host header ({@code name[:port]}), lower-case; else empty. */
  static Optional<String> name(String host) {
    if (host == null || host.isBlank()) {
      return Optional.empty();
    }
    String h = host.strip().toLowerCase(Locale.ROOT);
    String name;
    String rest;
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      name = h.substring(0, close + 1);
      rest = h.substring(close + 1);
    } else {
      int colon = h.indexOf(':');
      name = colon < 0 ? h : h.substring(0, colon);
      rest = colon < 0 ? "" : h.substring(colon);
    }
    if (!rest.isEmpty() && !rest.matches(":[0-9]{1,5}")) {
      return Optional.empty();
    }
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  boolean accepts(String host) {
    return name(host).map(names::contains).orElse(false);
  }

  private static String bracketed(String literal) {
    return literal.contains(":") && !literal.startsWith("[") ? "[" + literal + "]" : literal;
  }
}
