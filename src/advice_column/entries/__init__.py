"""Reading a column: entry files and qa/topics.yml, validated into entries and problems.

Pure: no MkDocs, no printing."""
