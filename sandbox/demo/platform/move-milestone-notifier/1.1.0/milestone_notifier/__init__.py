"""Pegasus platform library: text customers at move milestones."""
