#!/usr/bin/env bash
# Checks the packages scripts/package built: the .deb's metadata and files, its content
# started from a throwaway root under Xvfb until the window shows, the sizes. Run by
# scripts/test-all after scripts/package (DISPLAY must point at a running X server).
set -euo pipefail
cd "$(dirname "$0")/../.."
deb=$(ls target/release/bundle/deb/*.deb | head -1)
rpm=$(ls target/release/bundle/rpm/*.rpm | head -1)
fail() { echo "FAIL: $*"; exit 1; }

info=$(dpkg-deb -I "$deb")
for dep in libwebkit2gtk-4.1-0 libgtk-3-0 libsecret-1-0; do
  grep -q "Depends:.*$dep" <<<"$info" || fail "$deb does not depend on $dep"
done
grep -q "Recommends:.*gnome-keyring" <<<"$info" || fail "$deb does not recommend a Secret Service provider (gnome-keyring)"
grep -q "Description: Design, test and run Sekoia.io playbooks" <<<"$info" || fail "$deb has not the app's description"

files=$(dpkg-deb -c "$deb")
for path in usr/bin/playbook-studio usr/bin/playbook "usr/share/applications/Playbook Studio.desktop"; do
  grep -qE "[ /]${path}\$" <<<"$files" || fail "$deb does not install /$path"
done
for size in 16x16 32x32 48x48 64x64 128x128 256x256 512x512; do
  grep -q "usr/share/icons/hicolor/$size/apps/playbook-studio.png" <<<"$files" || fail "$deb has no $size icon"
done

root=$(mktemp -d)
trap 'rm -rf "$root"; [ -n "${app:-}" ] && kill "$app" 2>/dev/null || true' EXIT
dpkg-deb -x "$deb" "$root"
desktop="$root/usr/share/applications/Playbook Studio.desktop"
grep -q '^Categories=Development;' "$desktop" || fail "the desktop entry's category: $(grep Categories "$desktop")"
grep -q '^Exec=playbook-studio' "$desktop" || fail "the desktop entry does not start playbook-studio"
[ -x "$root/usr/bin/playbook" ] || fail "/usr/bin/playbook is not executable"
grep -q 'exec /usr/bin/playbook-studio --cli "\$@"' "$root/usr/bin/playbook" || fail "/usr/bin/playbook does not run the app's binary in CLI mode"
"$root/usr/bin/playbook-studio" --cli --version | grep -q '^playbook ' || fail "the packaged binary's CLI mode does not run"

# The installed binary starts and shows its window (the UI is embedded in it).
home=$(mktemp -d)
PLAYBOOK_STUDIO_HOME="$home" "$root/usr/bin/playbook-studio" >/dev/null 2>&1 &
app=$!
for _ in $(seq 1 60); do
  if xwininfo -root -tree 2>/dev/null | grep -q '"Playbook Studio"'; then shown=1; break; fi
  sleep 0.5
done
[ "${shown:-0}" = 1 ] || fail "the packaged app showed no window within 30 s"
kill "$app"; wait "$app" 2>/dev/null || true; app=

echo "packages:"
for f in "$deb" "$rpm"; do
  bytes=$(stat -c %s "$f")
  echo "  $(basename "$f"): $((bytes / 1024)) KiB"
  [ "$bytes" -lt $((15 * 1024 * 1024)) ] || fail "$(basename "$f") is over 15 MB"
done
echo "ok"
