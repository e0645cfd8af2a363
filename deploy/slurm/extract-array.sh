#!/usr/bin/env bash
# Slurm job array: shard K of N per array task (K from SLURM_ARRAY_TASK_ID via --shard env/N), then one merge job
# that starts once every array task has ended (afterany: a failed task still lets the others' results merge;
# merge exits 1 when an input failed in every shard).
#
# From the directory that holds in/ (the PDFs) on a shared file system, run it with bash (not sbatch):
#   bash deploy/slurm/extract-array.sh
# It submits itself as the array (sbatch reads the #SBATCH lines below) and then the dependent merge job.
# Keep --array=0-(N-1) in step with N below. A failed task can be resubmitted alone
# (sbatch --array=K deploy/slurm/extract-array.sh): it redoes only the documents not complete in out/shard-K.
#SBATCH --job-name=yujue-extract
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=12:00:00
#SBATCH --output=logs/yujue-extract-%A_%a.log
set -euo pipefail

N=8
YUJUE="${YUJUE:-npx yujue}"   # or: node /path/to/yujue/dist/src/cli/main.js, or an apptainer exec of the image
IN="${YUJUE_IN:-in}"
OUT="${YUJUE_OUT:-out}"

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
  # Run by hand (not as an array task): submit the array and the dependent merge.
  mkdir -p logs
  array_id=$(sbatch --parsable "$0")
  sbatch --parsable --dependency="afterany:${array_id}" --job-name=yujue-merge --cpus-per-task=1 --mem=4G \
    --output=logs/yujue-merge-%j.log --wrap="$YUJUE merge $OUT/shard-* --out $OUT/merged --parquet"
  exit 0
fi

exec $YUJUE extract "$IN" --shard "env/$N" --out "$OUT/shard-${SLURM_ARRAY_TASK_ID}" \
  --concurrency "${SLURM_CPUS_PER_TASK:-2}" --max-memory 1500 --timeout 900 --json
