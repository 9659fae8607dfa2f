# The bcr executor's E2B template: every environment in one image, so one
# template serves every side (src/exec/backends/e2b.ts, template "bcr-sandbox").
# Built by E2B's CLI from this folder (see sandboxes/README.md, "E2B"); E2B adds
# its own agent (envd) and the `user` account whose home is /home/user.
#
# - Python runner and apps: Debian's python3 with numpy, pandas, matplotlib,
#   plotly and pygame (the same packages as the python Docker image), plus
#   Streamlit and Gradio from pip (in neither Debian nor the npm registry, so
#   only this backend can run those two environments).
# - JavaScript/TypeScript runners and the React/Vue/Mermaid toolchain: Node 20
#   (the runners' flags need it; Debian bookworm has 18), with react, react-dom,
#   vue, mermaid and esbuild at the versions of the project's package.json,
#   under /opt/bcr/node_modules.
# - Compilers: gcc, g++, a JDK, Go and Rust, as in the compilers Docker image.
# - util-linux's prlimit sets every command's limits; procps and psmisc help
#   stop app servers.
FROM node:20-bookworm-slim AS node

FROM debian:bookworm-slim
ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      ca-certificates util-linux procps psmisc \
      python3 python3-pip python3-numpy python3-pandas python3-matplotlib python3-plotly python3-pygame \
      gcc g++ libc6-dev default-jdk-headless golang-go rustc-web \
 && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/*
COPY --from=node /usr/local/bin/node /usr/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/bin/npm \
 && pip3 install --no-cache-dir --break-system-packages streamlit==1.39.0 gradio==4.44.1 \
 && mkdir -p /opt/bcr && cd /opt/bcr && npm init -y >/dev/null \
 && npm install --save-exact --no-audit --no-fund react@19.3.1 react-dom@19.3.1 vue@3.5.45 mermaid@12.3.0 esbuild@0.28.2 \
 && npm cache clean --force
# For a person in the sandbox's terminal: the backend's commands start with `env -i` and
# see only its allow-list, so the runners pass what they need themselves.
ENV STREAMLIT_BROWSER_GATHER_USAGE_STATS=false STREAMLIT_SERVER_HEADLESS=true GRADIO_ANALYTICS_ENABLED=False NODE_PATH=/opt/bcr/node_modules
ENV SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy PYGAME_HIDE_SUPPORT_PROMPT=1
