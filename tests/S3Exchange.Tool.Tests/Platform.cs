// Modes, symlinks and the app host these tests check are Unix concepts; the tests run on Linux and macOS.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
