#!/bin/sh
# First boot of a freshly flashed box, and every boot after it (each step is skipped once done):
# the data partition gets its folders, the box its serial, host name and SSH host keys. All of it
# lives on the data partition, so it survives updates and slot switches.
set -eu
data=/var/lib/sparklecc

# The partition's root stays root's (sshd insists on that for the keys under it); the service
# owns only its own folder and the network folder the panel and web page write.
mkdir -p "$data/ssh" "$data/network/timesyncd.conf.d" "$data/service"
chown root:root "$data" "$data/ssh"
chmod 0755 "$data"
chmod 0700 "$data/ssh"
chown sparklecc:sparklecc "$data/service" "$data/network" "$data/network/timesyncd.conf.d"
chmod 0750 "$data/service"

if [ ! -s "$data/serial" ]; then
    serial=""
    for source in /proc/device-tree/serial-number /sys/class/dmi/id/product_serial; do
        if [ -r "$source" ]; then
            serial=$(tr -dc 'A-Za-z0-9' < "$source" | tail -c 12)
        fi
        [ -n "$serial" ] && [ "$serial" != "0" ] && break
        serial=""
    done
    [ -n "$serial" ] || serial=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
    echo "SCC-$serial" > "$data/serial"
    echo "sparklecc-firstboot: serial $(cat "$data/serial")"
fi

if [ ! -s "$data/hostname" ]; then
    tail_part=$(tr 'A-Z' 'a-z' < "$data/serial" | tr -dc 'a-z0-9' | tail -c 6)
    echo "sparklecc-$tail_part" > "$data/hostname"
fi
# The name set on the web page (network/hostname) wins over the first boot's.
/usr/lib/sparklecc/system-settings.sh boot

for type in ed25519 ecdsa; do
    key="$data/ssh/ssh_host_${type}_key"
    [ -s "$key" ] || ssh-keygen -q -t "$type" -N '' -f "$key"
done
