import AllocSimReports
import ArgumentParser
import Foundation

// The one place where errors become messages and exit codes (SPEC §6):
// 0 success, 1 snapshot drift, 2 bad input or usage.
// Ctrl-C (and a scheduler's SIGTERM) stop cleanly: staging folders are
// removed, nothing half-written is left. The signals are unblocked first, as
// a parent may have started us with them blocked.
var stopSignals = sigset_t()
sigemptyset(&stopSignals)
sigaddset(&stopSignals, SIGINT)
sigaddset(&stopSignals, SIGTERM)
sigprocmask(SIG_UNBLOCK, &stopSignals, nil)
signal(SIGINT) { OutputFolder.interrupted(by: $0) }
signal(SIGTERM) { OutputFolder.interrupted(by: $0) }
do {
    var command = try AllocSimCommand.parseAsRoot()
    try command.run()
    fflush(nil)
} catch let failure as CLIFailure {
    fflush(nil)
    FileHandle.standardError.write(Data((TerminalText.safe(failure.message) + "\n").utf8))
    exit(failure.code)
} catch let code as ExitCode {
    fflush(nil)
    exit(code.rawValue)
} catch {
    fflush(nil)
    let code = AllocSimCommand.exitCode(for: error)
    let message = AllocSimCommand.fullMessage(for: error)
    if code == .success {
        print(TerminalText.safe(message))
        exit(0)
    }
    FileHandle.standardError.write(Data((TerminalText.safe(message) + "\n").utf8))
    exit(2)
}
