#!/bin/sh
# Applies what the service wrote into the network folder from the web page /network or the front
# panel: the host name, the NTP servers (timesyncd reads them through the link
# /etc/systemd/timesyncd.conf.d) and the networkd file. The service runs unprivileged and cannot
# set the host name, restart timesyncd or (without polkit, which the image does not ship) have
# networkd reload, so sparklecc-system-settings.path runs this as root when one of them changes.
# At boot firstboot.sh runs it with "boot": only the host name is set, the daemons start after it.
set -eu
data=/var/lib/sparklecc

# RFC 1123 host name, at most 64 characters (Linux HOST_NAME_MAX): the service checks it too, but
# this runs as root on a file the service's user can write.
valid_host() {
    [ "${#1}" -le 64 ] && printf '%s\n' "$1" \
        | grep -Eqx '([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
}

name=$(head -n 1 "$data/network/hostname" 2> /dev/null || true)
if [ -n "$name" ] && valid_host "$name"; then
    hostname "$name"
elif [ -s "$data/hostname" ]; then
    hostname "$(cat "$data/hostname")"
fi

if [ "${1:-}" != boot ]; then
    systemctl try-restart systemd-timesyncd.service
    networkctl reload || echo "sparklecc-system-settings: networkctl reload failed" >&2
fi
