"""板凳协商会 (X区政协 城南镇): a quick consultation held on the spot where the problem is."""
