// A container builder for the Dockerfile test: docker when its daemon answers, else buildah, which needs no
// daemon (vfs storage: no overlay or FUSE; chroot isolation: no user namespaces), so it also works as root in a
// plain CI container. The test is skipped, with the reason, when no builder works or the base image cannot be had.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";

export interface ContainerBuilder {
  name: string;
  build(tag: string, context: string): SpawnSyncReturns<string>;
  /** Runs the image's entrypoint with `args`, no network, `mounts` as [host, container] read-only. */
  run(tag: string, args: string[], mounts: [string, string][]): SpawnSyncReturns<string>;
}

const BUILD_TIMEOUT_MS = 1_200_000;
const RUN_TIMEOUT_MS = 300_000;

function sh(command: string, args: string[], timeout = 60_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { encoding: "utf8", timeout, maxBuffer: 64 * 1024 * 1024 });
}

const docker: ContainerBuilder = {
  name: "docker",
  build: (tag, context) => sh("docker", ["build", "-t", tag, context], BUILD_TIMEOUT_MS),
  run: (tag, args, mounts) =>
    sh(
      "docker",
      ["run", "--rm", "--network", "none", ...mounts.flatMap(([h, c]) => ["-v", `${h}:${c}:ro`]), tag, ...args],
      RUN_TIMEOUT_MS,
    ),
};

/** buildah with the storage and isolation that work without privileges beyond a plain root shell. */
function buildah(entrypoint: string[]): ContainerBuilder {
  const b = (args: string[], timeout?: number) => sh("buildah", ["--storage-driver", "vfs", ...args], timeout);
  return {
    name: "buildah",
    build: (tag, context) => b(["build", "--isolation", "chroot", "-t", tag, context], BUILD_TIMEOUT_MS),
    // buildah run starts a command in a working container; it does not apply the image's ENTRYPOINT itself.
    run: (tag, args, mounts) => {
      const name = `yujue-test-${process.pid}`;
      const from = b(["from", "--name", name, tag]);
      if (from.status !== 0) return from;
      try {
        const volumes = mounts.flatMap(([h, c]) => ["-v", `${h}:${c}:ro`]);
        const run = ["--storage-driver", "vfs", "run", "--isolation", "chroot", ...volumes, name, "--"];
        // Chroot isolation shares the host's network (buildah refuses --network none with it): as root, the run
        // gets an empty network namespace from unshare instead, so a download at run time fails the test.
        const command = process.getuid?.() === 0 ? ["unshare", "-n", "buildah"] : ["buildah"];
        return sh(command[0], [...command.slice(1), ...run, ...entrypoint, ...args], RUN_TIMEOUT_MS);
      } finally {
        b(["rm", name]);
      }
    },
  };
}

/**
 * The builder to use, or why there is none. `baseImages` (the Dockerfile's FROM lines) must be present or
 * pullable: a sandbox without registry access has a builder but nothing to build on.
 */
export function containerBuilder(
  entrypoint: string[],
  baseImages: string[],
): { builder: ContainerBuilder } | { skip: string } {
  if (sh("docker", ["info"], 20_000).status === 0) return { builder: docker };
  if (sh("buildah", ["--version"]).status !== 0) return { skip: "no container builder (no docker daemon, no buildah)" };
  for (const image of baseImages) {
    const local = sh("buildah", ["--storage-driver", "vfs", "inspect", "--type", "image", image]);
    if (local.status === 0) continue;
    const pulled = sh("buildah", ["--storage-driver", "vfs", "pull", image], 600_000);
    if (pulled.status !== 0) {
      const reason = pulled.stderr.trim().split("\n").pop() ?? "";
      return { skip: `buildah cannot pull the base image ${image}: ${reason.slice(0, 200)}` };
    }
  }
  return { builder: buildah(entrypoint) };
}
