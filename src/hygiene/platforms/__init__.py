"""What several categories ask of one operating system (PowerShell, diskutil, os-release),
said once here instead of borrowed sideways between categories."""
