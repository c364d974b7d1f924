#!/bin/bash
# usage: .med.sh <srcA|bare> <srcB> <runs>
for i in $(seq 1 ${3:-4}); do node --import tsx .ab.ts $1 $2 8; done | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END{printf "runs: "; for(i=1;i<=NR;i++) printf "%s ", a[i]; printf " median %s\n", (NR%2? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
