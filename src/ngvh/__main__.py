from ngvh.cli import main

main()
