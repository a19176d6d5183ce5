# Sourced by the load benchmarks: how the machine's CPU time was shared during a measured run, from /proc/stat
# (busy, idle, and steal: time the hypervisor gave to other guests, which this VM shows a lot of), and the CPU time
# the server process itself used (and the database server's, its postmaster and backends, when given).
# Usage: cpu_mark SERVER_PID [POSTMASTER_PID]; ...run...; cpu_report SERVER_PID REQUESTS [POSTMASTER_PID]
cpu_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6, $9 }' /proc/stat; }  # busy idle+iowait steal
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
sys_ticks() { awk '{ print $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }  # the kernel's share (system time)
switches() { awk '/ctxt/ { print $2 }' /proc/stat; }  # context switches of the whole machine
tree_ticks() {  # a process and its children (the backends of a PostgreSQL postmaster)
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1"); do total=$((total + $(proc_ticks "$pid"))); done
  echo "$total"
}
cpu_mark() { CPU_MARK=$(cpu_ticks); CPU_PROC_MARK=$(proc_ticks "${1:-self}"); CPU_DB_MARK=$([ -n "${2:-}" ] && tree_ticks "$2" || echo 0)
  CPU_SYS_MARK=$(sys_ticks "${1:-self}"); CPU_CS_MARK=$(switches); }
cpu_report() {
  local now proc hz db=${3:-}
  now=$(cpu_ticks); proc=$(proc_ticks "$1"); hz=$(getconf CLK_TCK)
  # shellcheck disable=SC2086
  set -- "$1" "$2" $CPU_MARK $now "$CPU_PROC_MARK" "$proc" "$hz"
  awk -v req="$2" -v b0="$3" -v i0="$4" -v s0="$5" -v b1="$6" -v i1="$7" -v s1="$8" -v p0="$9" -v p1="${10}" \
    -v hz="${11}" 'BEGIN { b = b1 - b0; i = i1 - i0; s = s1 - s0; t = b + i + s; if (t <= 0) t = 1;
      printf "cpu: busy %.0f %%, idle %.0f %%, stolen by the hypervisor %.0f %%; server %.0f us of CPU per request\n",
        100 * b / t, 100 * i / t, 100 * s / t, (req > 0 ? (p1 - p0) / hz * 1e6 / req : 0) }'
  if [ -n "$db" ]; then
    awk -v req="$2" -v d0="$CPU_DB_MARK" -v d1="$(tree_ticks "$db")" -v hz="$(getconf CLK_TCK)" \
      'BEGIN { printf "cpu: database %.0f us of CPU per request\n", (req > 0 ? (d1 - d0) / hz * 1e6 / req : 0) }'
  fi
  awk -v req="$2" -v s0="$CPU_SYS_MARK" -v s1="$(sys_ticks "$1")" -v c0="$CPU_CS_MARK" -v c1="$(switches)" \
    -v hz="$(getconf CLK_TCK)" 'BEGIN { if (req <= 0) req = 1;
      printf "cpu: server in the kernel %.0f us per request; context switches (machine) %.1f per request\n",
        (s1 - s0) / hz * 1e6 / req, (c1 - c0) / req }'
}
