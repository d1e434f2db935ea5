/// A driver script for Slurm, the scheduler research clusters run: it
/// submits one job array (a task per shard) and a merge job that starts
/// when every task has succeeded (`--dependency=afterok`).
struct SlurmScript {
    var allocsim: String
    var sweepArguments: [String]
    var shards: Int
    var threads: Int
    var out: String
    /// Where the script is written, for its own usage line.
    var path: String
    /// The directory the sweep was planned in: jobs start there, so the
    /// scenario path stays as given and the merge equals an unsharded run.
    var directory: String

    /// Single-quotes a word for the shell: nothing inside single quotes is
    /// expanded (`$(...)`, backquotes, `$VAR`), and a quote inside is
    /// written `'\''`.
    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// The first word the script would have to carry that holds a control
    /// character (a line feed would end a comment or a here-document line
    /// early), or nil when every word can be quoted safely.
    var unsafeWord: String? {
        ([allocsim, out, path, directory] + sweepArguments).first { w in
            w.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        }
    }

    var text: String {
        let q = SlurmScript.quote
        let sweep = ([allocsim, "sweep"] + sweepArguments).map(q).joined(separator: " ")
        let shardDirs = (1...shards).map { q("\(out)/shards/\($0)") }.joined(separator: " ")
        return """
        #!/usr/bin/env bash
        # Written by `allocsim sweep --slurm-script`: \(shards) array tasks, one per shard, then a merge job
        # that runs when all of them have succeeded. Submit from the cluster's login node:
        #   bash \(q(path))
        # Each task resumes its shard folder, so resubmitting after a failure redoes only unfinished cells.
        # Every path is single-quoted: nothing in it is expanded by the shell.
        set -euo pipefail
        mkdir -p \(q(out + "/shards")) \(q(out + "/logs"))
        array_job=$(sbatch --parsable --output=\(q(out + "/logs/shard-%a.out")) <<'ALLOCSIM_SHARDS'
        #!/usr/bin/env bash
        #SBATCH --job-name=allocsim-sweep
        #SBATCH --array=1-\(shards)
        #SBATCH --ntasks=1
        #SBATCH --cpus-per-task=\(threads)
        set -euo pipefail
        cd \(q(directory))
        exec \(sweep) --shard "${SLURM_ARRAY_TASK_ID}/\(shards)" --out \(q(out + "/shards/"))"${SLURM_ARRAY_TASK_ID}"
        ALLOCSIM_SHARDS
        )
        array_job=${array_job%%;*}
        merge_job=$(sbatch --parsable --dependency=afterok:"${array_job}" --output=\(q(out + "/logs/merge.out")) <<'ALLOCSIM_MERGE'
        #!/usr/bin/env bash
        #SBATCH --job-name=allocsim-merge
        #SBATCH --ntasks=1
        set -euo pipefail
        cd \(q(directory))
        exec \(q(allocsim)) merge \(shardDirs) --out \(q(out + "/merged"))
        ALLOCSIM_MERGE
        )
        merge_job=${merge_job%%;*}
        echo "submitted shards as job ${array_job} and the merge as job ${merge_job}; results in" \(q(out + "/merged"))

        """
    }
}
