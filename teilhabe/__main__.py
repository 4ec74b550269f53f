from teilhabe.cli import main

main()
