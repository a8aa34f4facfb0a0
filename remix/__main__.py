from remix.cli import main

main()
