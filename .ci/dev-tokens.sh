# Sourced by bench/dashboard.sh and bench/ab.sh: a throw-away RS256 key pair and tokens signed with it, so that a
# local bi-service can check bearer tokens without an OIDC server (QUARKUS_OIDC_PUBLIC_KEY). Never for production.

# dev_keypair DIR: writes DIR/key.pem and prints the public key as QUARKUS_OIDC_PUBLIC_KEY wants it
dev_keypair() {
  openssl genrsa -out "$1/key.pem" 2048 2>/dev/null
  openssl rsa -in "$1/key.pem" -pubout 2>/dev/null | grep -v -- '-----' | tr -d '\n'
}

_b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# dev_token DIR ROLE [COMMUNITIES_JSON_ARRAY] [SUBJECT] [CLIENT]: a one-hour token with issuer "dev" (subject "dev"
# unless given; issued to CLIENT, its azp, where given), as Keycloak shapes roles
dev_token() {
  local now header payload signature
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | _b64url)
  payload=$(printf '{"iss":"dev","sub":"%s","iat":%d,"exp":%d,"realm_access":{"roles":["%s"]},"communities":%s%s}' \
    "${4:-dev}" "$now" $((now + 3600)) "$2" "${3:-[]}" "${5:+,\"azp\":\"$5\"}" | _b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$1/key.pem" -binary | _b64url)
  printf '%s.%s.%s' "$header" "$payload" "$signature"
}
