# Shared functions for the peer launchers in releng/peers/*/ (sourced, not run).
# Every peer binds 127.0.0.1 only, lives in its own run dir (config, pid file, log, keys),
# is started in its own session so that `stop` can end it and its workers by PID, and every
# wait here is bounded in time.

peers_home=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# kamailio, nginx and mosquitto install into /usr/sbin, which a user's PATH may lack
PATH=$PATH:/usr/sbin:/sbin

die() { echo "$(basename "$0"): $*" >&2; exit 2; }

# need BINARY DEBIAN_PACKAGE: a clear message, naming the package, when a binary is missing.
need() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "$(basename "$0"): '$1' not found: install the Debian package $2 (apt-get install -y --no-install-recommends $2; see releng/packages.txt)" >&2
    exit 3
  }
}

# port_arg NAME VALUE: a TCP/UDP port number, or die.
port_arg() {
  [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -ge 1 ] && [ "$2" -le 65535 ] || die "$1 must be a port number 1..65535, got '$2'"
  echo "$2"
}

# render TEMPLATE OUT NAME=VALUE...: copies TEMPLATE to OUT replacing every @NAME@ by VALUE;
# fails if a placeholder is left over, so a template and its launcher cannot drift apart.
render() {
  local template=$1 out=$2 text pair
  shift 2
  text=$(<"$template")
  for pair in "$@"; do
    text=${text//@${pair%%=*}@/${pair#*=}}
  done
  if grep -qE '@[A-Z_]+@' <<<"$text"; then
    die "$template: placeholders left unset: $(grep -oE '@[A-Z_]+@' <<<"$text" | sort -u | tr '\n' ' ')"
  fi
  printf '%s\n' "$text" >"$out"
}

# self_signed_cert DIR: DIR/cert.pem + DIR/key.pem for 127.0.0.1/localhost, made now, valid
# two days (private keys are never committed).
self_signed_cert() {
  need openssl openssl
  [ -s "$1/cert.pem" ] && [ -s "$1/key.pem" ] && return 0
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$1/key.pem" -out "$1/cert.pem" >"$1/openssl.log" 2>&1 \
    || die "openssl could not make a certificate: $(tail -3 "$1/openssl.log")"
  chmod 600 "$1/key.pem"
}

# test_ca DIR: DIR/ca.pem + DIR/ca-key.pem, a throw-away CA (EC P-256, two days) that signs
# client certificates (client_cert); kept when present, so a restarted peer trusts the same
# clients.
test_ca() {
  need openssl openssl
  [ -s "$1/ca.pem" ] && [ -s "$1/ca-key.pem" ] && return 0
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj "/CN=SipDrop test client CA" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$1/ca-key.pem" -out "$1/ca.pem" >"$1/openssl.log" 2>&1 \
    || die "openssl could not make a CA: $(tail -3 "$1/openssl.log")"
  chmod 600 "$1/ca-key.pem"
}

# client_cert DIR NAME PASSWORD: a client certificate for CN=NAME signed by test_ca's CA, as
# DIR/clients/NAME.crt + NAME.key (PEM, for C clients) and NAME.p12 (PKCS#12 with the CA
# certificate, protected by PASSWORD, for Java); made anew on every call.
client_cert() {
  local dir=$1 name=$2 password=$3 out=$1/clients
  [[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || die "client name '$name': use letters, digits and ._- only"
  [ -s "$dir/ca.pem" ] || die "no CA in $dir: start the peer with a client-certificate listener first"
  mkdir -p "$out"
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=clientAuth\n' \
    >"$out/$name.ext"
  { openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$name" \
      -keyout "$out/$name.key" -out "$out/$name.csr" \
    && openssl x509 -req -in "$out/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca-key.pem" \
      -set_serial "0x$(openssl rand -hex 16)" -days 2 -extfile "$out/$name.ext" -out "$out/$name.crt" \
    && PASS=$password openssl pkcs12 -export -name "$name" -in "$out/$name.crt" -inkey "$out/$name.key" \
      -certfile "$dir/ca.pem" -passout env:PASS -out "$out/$name.p12"
  } >"$out/$name.openssl.log" 2>&1 \
    || die "openssl could not make a client certificate for $name: $(tail -3 "$out/$name.openssl.log")"
  chmod 600 "$out/$name.key" "$out/$name.p12"
  rm -f "$out/$name.csr" "$out/$name.ext"
}

# read_users FILE: fills the arrays user_names and user_passwords from lines "name password"
# (password may contain spaces; '#' lines and blank lines are skipped).
read_users() {
  user_names=() user_passwords=()
  local name password
  [ -r "$1" ] || die "users file '$1' is not readable"
  while read -r name password || [ -n "$name" ]; do
    [ -z "$name" ] || [ "${name:0:1}" = "#" ] && continue
    [[ "$name" =~ ^[A-Za-z0-9._~+-]+$ ]] || die "user name '$name' in $1: use letters, digits and ._~+- only"
    user_names+=("$name") user_passwords+=("$password")
  done <"$1"
}

# launch RUN_DIR NAME CMD...: starts CMD in its own session, stdin from /dev/null, stdout and
# stderr to RUN_DIR/NAME.log; writes the PID to RUN_DIR/NAME.pid and sets launched_pid.
launch() {
  local dir=$1 name=$2
  shift 2
  setsid "$@" </dev/null >>"$dir/$name.log" 2>&1 &
  launched_pid=$!
  echo "$launched_pid" >"$dir/$name.pid"
}

# await_tcp PID PORT SECONDS LOG: waits until 127.0.0.1:PORT accepts a TCP connection, the
# process PID dies (fail, with the log's tail) or SECONDS pass (fail, and stop PID).
await_tcp() {
  local pid=$1 port=$2 seconds=$3 log=$4 deadline=$((SECONDS + $3))
  while [ $SECONDS -le $deadline ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$(basename "$0"): process $pid exited before 127.0.0.1:$port was ready; end of $log:" >&2
      tail -n 20 "$log" >&2
      exit 4
    fi
    if timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "$(basename "$0"): 127.0.0.1:$port not ready after ${seconds}s; end of $log:" >&2
  tail -n 20 "$log" >&2
  stop_pid "$pid" 5
  exit 4
}

# stop_pid PID SECONDS: SIGTERM to PID, wait at most SECONDS, then SIGKILL its whole session
# (the launcher made PID a session and process-group leader, so workers go with it).
stop_pid() {
  local pid=$1 deadline=$((SECONDS + $2))
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$(basename "$0"): $pid still running after ${2}s: SIGKILL to its process group" >&2
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  # workers that outlive their leader (same process group) are stopped too
  kill -KILL -- "-$pid" 2>/dev/null || true
}

# stop_pidfile FILE SECONDS: stop_pid on the PID in FILE, if any; removes FILE.
stop_pidfile() {
  [ -s "$1" ] || return 0
  stop_pid "$(<"$1")" "$2"
  rm -f "$1"
}
