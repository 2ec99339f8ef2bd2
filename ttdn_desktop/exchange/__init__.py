"""Files that travel by e-mail: .ttdn packages in and out, and the import rules applied."""
