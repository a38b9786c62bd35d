# Source this file: puts Node >= 22.12 on PATH. When the system Node is older, Node 22 is
# installed from the npm registry into .tools/node22 (once) and used instead, so CI and
# developers' shells run the same Node.
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if ! _node_ok; then
  if [ ! -x "$_root/.tools/node22/node_modules/.bin/node" ]; then
    echo "env.sh: system Node is older than 22.12; installing Node 22 into .tools/node22" >&2
    npm install --silent --no-save --prefix "$_root/.tools/node22" node@22 >&2
  fi
  export PATH="$_root/.tools/node22/node_modules/.bin:$PATH"
fi
unset -f _node_ok
unset _root
