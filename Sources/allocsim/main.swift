import AllocSimReports
import ArgumentParser
import Foundation

// The one place where errors become messages and exit codes (SPEC §6):
// 0 success, 1 snapshot drift, 2 bad input or usage.
signal(SIGINT) { _ in
    OutputFolder.removeAllStaging()
    _exit(130)
}
do {
    var command = try AllocSimCommand.parseAsRoot()
    try command.run()
    fflush(nil)
} catch let failure as CLIFailure {
    fflush(nil)
    FileHandle.standardError.write(Data((failure.message + "\n").utf8))
    exit(failure.code)
} catch let code as ExitCode {
    fflush(nil)
    exit(code.rawValue)
} catch {
    fflush(nil)
    let code = AllocSimCommand.exitCode(for: error)
    let message = AllocSimCommand.fullMessage(for: error)
    if code == .success {
        print(message)
        exit(0)
    }
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}
