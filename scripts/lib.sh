# Shared set-up for scripts/serve and scripts/test: a local .venv with pinned packages.
# Sourced, not run.

require_python() {
  PYTHON=${PYTHON:-python3}
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "error: Python 3.11 or newer is needed as '$PYTHON' (set PYTHON=/path/to/python3.11)." >&2
    exit 1
  fi
}

# ensure_venv REQUIREMENTS_FILE: create .venv if needed and install the pinned packages,
# again only when the requirements file changed since the last install.
ensure_venv() {
  local wanted=$1 stamp
  require_python
  if [ ! -x .venv/bin/python ]; then
    echo "Creating .venv ..."
    "$PYTHON" -m venv .venv
  fi
  stamp=".venv/.installed-$(basename "$wanted")"
  if [ "$(cat "$wanted" requirements.txt | sha256sum)" != "$(cat "$stamp" 2>/dev/null)" ]; then
    echo "Installing $wanted into .venv ..."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$wanted"
    cat "$wanted" requirements.txt | sha256sum > "$stamp"
  fi
  # The site's own Markdown extension (macros.tooltip_once) is loaded by name when MkDocs
  # reads mkdocs.yml, before mkdocs-macros puts the project on the path: a .pth file
  # makes the project's packages importable in this venv from the start.
  local site_packages
  site_packages=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  if [ "$(cat "$site_packages/sinyaya-ptitsa.pth" 2>/dev/null)" != "$PWD" ]; then
    echo "$PWD" > "$site_packages/sinyaya-ptitsa.pth"
  fi
}

# ensure_chromium: the browser tests drive a real headless Chromium. Prefer Debian's
# /usr/bin/chromium; install it when we may (root with apt), else Playwright's own build.
ensure_chromium() {
  if [ -n "${BIRD_CHROMIUM:-}" ] || [ -x /usr/bin/chromium ]; then
    return
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    return
  fi
  echo "No /usr/bin/chromium: installing Playwright's own Chromium ..."
  if ! .venv/bin/python -m playwright install chromium; then
    cat >&2 <<'MSG'
error: the browser tests need Chromium and none could be installed.
Install Debian's package (sudo apt-get install chromium), or let Playwright fetch its
browser (.venv/bin/python -m playwright install chromium), or point BIRD_CHROMIUM at a
Chromium binary. The browser tests are part of the suite and are never skipped.
MSG
    exit 1
  fi
}

# ensure_node_tools: Node.js tools pinned in tools/node/package.json: esbuild, which
# minifies the widget scripts; gift-pegjs, the independent parser that reads the GIFT
# export in the tests; axe-core, injected into pages by the accessibility tests;
# iframe-worker, the Web Worker shim of the offline copy.
# Installs Node.js from Debian where we may, then the packages.
ensure_node_tools() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "Installing Debian's nodejs and npm for esbuild and the GIFT parser ..."
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    else
      echo "error: Node.js and npm are needed (sudo apt-get install nodejs npm)." >&2
      exit 1
    fi
  fi
  if [ ! -d tools/node/node_modules/gift-pegjs ] || [ ! -x tools/node/node_modules/.bin/esbuild ] \
     || [ ! -f tools/node/node_modules/axe-core/axe.min.js ] || [ ! -d tools/node/node_modules/iframe-worker ]; then
    echo "Installing the pinned Node.js tools into tools/node ..."
    npm install --prefix tools/node --no-audit --no-fund --no-package-lock --silent
  fi
}
