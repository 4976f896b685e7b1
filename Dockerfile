# konzept in a container. The final image holds the static binary and
# nothing else (no shell, no libc), and runs as an unprivileged user.
#
#   docker build -t konzept .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/site" konzept build
#
# Built on Alpine, Rust's host target is *-unknown-linux-musl, which links
# statically: the same binary the release workflow builds, for the
# platform the image is built for (linux/amd64, linux/arm64).

FROM rust:1.95-alpine AS build
# musl's C runtime objects for the linker. Alpine's package versions change
# with every point release; the base image's tag fixes the release.
# hadolint ignore=DL3018
RUN apk add --no-cache musl-dev
WORKDIR /src
# Only what the binary is built from (benches/floor: a workspace member).
COPY Cargo.toml Cargo.lock build.rs ./
COPY benches/floor benches/floor
COPY src src
COPY themes themes
RUN cargo build --locked --release --bin konzept \
    && cp target/release/konzept /konzept

FROM scratch
COPY --from=build /konzept /konzept
# The site is mounted here; run with -u "$(id -u):$(id -g)" so the output
# belongs to you and git's history is read as its owner's.
WORKDIR /site
USER 65532:65532
ENTRYPOINT ["/konzept"]
CMD ["--help"]
