#!/usr/bin/env bash
# An MCP session over plain HTTP against a running silo (by default the one `dotnet run --project silo` starts), the
# way an agent's client drives /mcp: initialize, tools/list, then a call of every tool with the development tokens,
# and the audit trail the calls left. Each JSON-RPC answer is printed as the server sent it.
#
#   scripts/mcp-session.sh [base-url]        # default http://127.0.0.1:5080
set -euo pipefail
base="${1:-http://127.0.0.1:5080}"
mcp="${base}/mcp"
order="${base}/resources/actors/order/mcp-$(date +%s)"
id="${order##*/}"

# The streamable HTTP transport answers a POST as JSON or as one server-sent event; print the JSON either way.
rpc() { # token, JSON-RPC request
  curl -sS -X POST "${mcp}" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H "Authorization: Bearer $1" -d "$2" | sed -n 's/^data: //p; t; /^{/p'
}
tool() { # token, tool, arguments
  echo "## $2 as $1: $3"
  rpc "$1" "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"$2\",\"arguments\":$3}}"
}
rest() { # body
  curl -sS -X POST "${order}" -H 'Authorization: Bearer dev-admin' -H 'Content-Type: application/json' -d "$1" >/dev/null
}

echo "## no token: the transport's 401"
curl -sS -i -X POST "${mcp}" -H 'Content-Type: application/json' -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' | sed -n '1p;$p'
echo
echo "## initialize"
rpc dev-admin '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"mcp-session.sh","version":"1"}}}'
for token in dev-admin dev-support; do
  echo "## tools/list as ${token}"
  rpc "${token}" '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' | grep -o '"name":"[a-z]*"' | tr '\n' ' '
  echo
done

echo "## over REST: order ${id} created (version 1), then tagged (version 2)"
rest '[{"type":"create","body":{"orderNumber":"7","currency":"SEK","customerEmail":"anna@example.se"}}]'
rest '[{"type":"addTag","body":{"key":"priority"}}]'

tool dev-reader fetch "{\"type\":\"order\",\"id\":\"${id}\"}"
tool dev-reader fetch "{\"type\":\"order\",\"id\":\"${id}\",\"asOf\":\"1\"}"
tool dev-reader checkpoints "{\"type\":\"order\",\"id\":\"${id}\",\"limit\":1}"
tool dev-reader history "{\"type\":\"order\",\"id\":\"${id}\"}"
tool dev-reader diff "{\"type\":\"order\",\"id\":\"${id}\",\"from\":\"1\",\"to\":\"2\"}"
tool dev-reader search "{\"type\":\"Order.*\",\"actorId\":\"${id}\",\"limit\":2}"
tool dev-reader search "{\"kind\":\"actors\",\"actorType\":\"order\",\"atVersion\":1,\"where\":{\"orderState\":\"open\"},\"limit\":1}"
tool dev-support preview "{\"type\":\"order\",\"id\":\"${id}\",\"messages\":[{\"type\":\"rewind\",\"body\":{\"version\":1}},{\"type\":\"query\",\"body\":{\"query\":{\"fields\":[\"tags\"]}}}]}"
tool dev-reader preview "{\"type\":\"order\",\"id\":\"${id}\",\"messages\":[{\"type\":\"addTag\",\"body\":{\"key\":\"x\"}}]}"
tool dev-support rewind "{\"type\":\"order\",\"id\":\"${id}\",\"to\":\"1\",\"reason\":\"support may only preview\"}"
tool dev-admin rewind "{\"type\":\"order\",\"id\":\"${id}\",\"to\":\"1\"}"
tool dev-admin rewind "{\"type\":\"order\",\"id\":\"${id}\",\"to\":\"1\",\"reason\":\"tag added by mistake\"}"

echo "## the audit trail of ${id}"
curl -sS "${base}/resources/audit?actorType=order&actorId=${id}" -H 'Authorization: Bearer dev-admin'
echo
