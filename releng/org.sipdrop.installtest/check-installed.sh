#!/usr/bin/env bash
# Checks an Eclipse installation into which the SipDrop features were installed by p2:
# our bundles are there, and the SipDrop command line runs in it.
set -euo pipefail
dir=$1
for b in org.sipdrop.transfer org.sipdrop.sip org.sipdrop.ui org.sipdrop.cli org.sipdrop.transport.mqtt wrapped.javax.sip.jain-sip-ri; do
  ls "$dir"/plugins/${b}_*.jar >/dev/null 2>&1 || { echo "install test: $b is not installed in $dir" >&2; exit 1; }
done
launcher=$(ls "$dir"/plugins/org.eclipse.equinox.launcher_*.jar | head -n 1)
out=$(java -jar "$launcher" -install "$dir" -application org.sipdrop.cli.app -nosplash -data @none version 2>&1) || {
  echo "install test: the installed SipDrop did not run: $out" >&2; exit 1; }
case "$out" in
  *"SipDrop 0.1.0"*) echo "install test: p2 installed SipDrop into a plain Eclipse platform; it says: $out" ;;
  *) echo "install test: unexpected answer from the installed SipDrop: $out" >&2; exit 1 ;;
esac
